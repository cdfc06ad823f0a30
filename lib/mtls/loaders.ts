import { requireActor } from "@/lib/auth/guard";
import { EVERYONE } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { isInkanError } from "@/lib/errors";
import { findRecipeAuthority, findRecipeServerCertificate } from "./data";
import { recipeOptionsFrom, serverRecipes } from "./recipes";
import type { RecipeOptionsInput } from "./schema";
import type { RecipeServerCertificate } from "./types";

/**
 * The recipes page: every server's recipe for the CA with the options of the form. Bad
 * options or an unusable server certificate are reported and the defaults used instead.
 */
export async function loadRecipes(slug: string, fields: RecipeOptionsInput) {
  await requireActor(EVERYONE);
  const authority = await findRecipeAuthority(slug);
  const errors: string[] = [];
  let chosen: ReturnType<typeof recipeOptionsFrom>;
  try {
    chosen = recipeOptionsFrom(fields);
  } catch (err) {
    if (!isInkanError(err)) throw err;
    errors.push(err.message);
    chosen = recipeOptionsFrom({});
  }
  let serverCertificate: RecipeServerCertificate | undefined;
  if (chosen.serverSerial) {
    try {
      serverCertificate = await findRecipeServerCertificate(chosen.serverSerial);
    } catch (err) {
      if (!isInkanError(err)) throw err;
      errors.push(err.message);
    }
  }
  const publicUrl = getConfig().publicUrl;
  return { authority, publicUrl, errors, serverCertificate, recipes: serverRecipes({ authority, publicUrl, options: chosen.options, serverCertificate }) };
}
