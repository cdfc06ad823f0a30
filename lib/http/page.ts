import { forbidden, notFound, redirect } from "next/navigation";
import { isInkanError } from "@/lib/errors";

/** Runs a page loader: a missing record is a 404, no session goes to sign-in, a role that may not see it gets 403. */
export async function pageData<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (isInkanError(err) && err.code === "NOT_FOUND") notFound();
    if (isInkanError(err) && err.code === "UNAUTHENTICATED") redirect("/ra/login");
    if (isInkanError(err) && err.code === "FORBIDDEN") forbidden();
    throw err;
  }
}
