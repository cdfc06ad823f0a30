import { textCandidates } from "../../lib/ca/text-search";

/** The certificate ids the trigram index proposes for a term, sorted; null when the index gives way to the scan. */
export async function candidateCertificates(term: string, withAccountName: boolean): Promise<string[] | null> {
  const c = await textCandidates(term, withAccountName);
  return c ? [...c.certificateIds].sort() : null;
}
