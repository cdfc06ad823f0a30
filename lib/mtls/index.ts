// Client-certificate authentication in front of applications: who is behind a certificate a
// TLS terminator (ALB, nginx, Apache) passed on, and copy-ready server configuration per CA.
export { identifyClient, type IdentifyInput } from "./identify";
export { identifyRequest, identityJson, type ClientIdentityJson } from "./api";
export { parsePastedIdentity } from "./paste";
export { identityRequestSchema, recipeOptionsSchema, type IdentityRequest, type RecipeOptionsInput } from "./schema";
export { serverRecipes, recipeOptionsFrom } from "./recipes";
export { nginxRecipe, nginxServerBlock, type ServerRecipeInput } from "./nginx-recipe";
export { apacheRecipe, apacheVirtualHost, sslRequireExpression } from "./apache-recipe";
export { iisRecipe } from "./iis-recipe";
export { albRecipe } from "./alb-recipe";
export { crlSyncScript, crlSyncCron, shellQuote } from "./crl-sync-recipe";
export { findRecipeAuthority, findRecipeServerCertificate } from "./data";
export { IDENTITY_STATUSES, WEB_SERVERS } from "./types";
export type {
  ClientIdentity, IdentityStatus, PresentedCertificate, Recipe, RecipeAuthority, RecipeBlock, RecipeOptions, RecipeServerCertificate, WebServer,
} from "./types";
