import type { Recipe, RecipeAuthority, RecipeOptions, RecipeServerCertificate, WebServer } from "./types";
import type { RecipeOptionsInput } from "./schema";
import { recipeOptionsSchema } from "./schema";
import { nginxRecipe, type ServerRecipeInput } from "./nginx-recipe";
import { apacheRecipe } from "./apache-recipe";
import { iisRecipe } from "./iis-recipe";
import { albRecipe } from "./alb-recipe";
import { InkanError } from "@/lib/errors";
import { issueText } from "@/lib/i18n/validation";

/** Every server's recipe for one CA: pure text, nothing is read or written. */
export function serverRecipes(input: ServerRecipeInput): Record<WebServer, Recipe> {
  return { nginx: nginxRecipe(input), apache: apacheRecipe(input), iis: iisRecipe(input), alb: albRecipe(input) };
}

/** Form fields (query string) → RecipeOptions; a bad field is a VALIDATION error naming it. */
export function recipeOptionsFrom(fields: RecipeOptionsInput): { options: RecipeOptions; serverSerial?: string } {
  const parsed = recipeOptionsSchema.safeParse(fields);
  if (!parsed.success) {
    // The form field is the path's first element (a list's item index would mean nothing to the admin).
    const errors = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ""), message: issueText(i.message) }));
    const summary = (l: "en" | "ja") => errors.map((e) => `${e.field}: ${e.message[l]}`).join(" ");
    throw new InkanError("VALIDATION", { en: summary("en"), ja: summary("ja") }, { errors });
  }
  const f = parsed.data;
  return {
    options: {
      verifyClient: f.verify,
      verifyDepth: f.depth,
      serverName: f.serverName,
      listen: f.listen,
      upstream: f.upstream,
      directory: f.directory,
      requireSubject: { O: f.subjectO, C: f.subjectC, OU: f.subjectOU },
      schedule: f.schedule,
    },
    serverSerial: f.server,
  };
}

export type { ServerRecipeInput, RecipeAuthority, RecipeServerCertificate };
