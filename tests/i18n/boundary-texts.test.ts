// Refusals that come from below the boundary (PKI core facts, AWS quotas and rules, deploy
// target fields) reach a Japanese reader in Japanese, and the English API text is unchanged.
import { describe, expect, it } from "vitest";
import { isInkanError, toProblem, type InkanError } from "@/lib/errors";
import { fromPkiError } from "@/lib/i18n/pki";
import { parseCsr, PkiError } from "@/lib/pki";
import { checkAcmRules, createTarget } from "@/lib/deploy";
import { parseCertificateSearch } from "@/lib/ca";
import { TEST_ACTOR } from "../helpers/services";

function caught(work: () => unknown): unknown {
  try {
    work();
  } catch (err) {
    return err;
  }
  throw new Error("expected a refusal");
}

async function refused(work: Promise<unknown>): Promise<InkanError> {
  const err = await work.then(() => { throw new Error("expected a refusal"); }, (e: unknown) => e);
  if (!isInkanError(err)) throw err;
  return err;
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("PKI core errors at the boundary", () => {
  it("a damaged CSR: UNPROCESSABLE, a Japanese explanation with the English fact behind it", () => {
    const pki = caught(() => parseCsr("-----BEGIN CERTIFICATE REQUEST-----\nMIIBzzCCATgCAQAw\n-----END CERTIFICATE REQUEST-----\n"));
    expect(pki).toBeInstanceOf(PkiError);
    const err = fromPkiError(pki, { en: "CSR", ja: "CSR" }) as InkanError;
    expect(err.code).toBe("UNPROCESSABLE");
    expect(err.details).toEqual({ pkiCode: (pki as PkiError).code });
    expect(toProblem(err).detail).toBe((pki as PkiError).message);
    expect(toProblem(err, "ja").detail).toBe(`形式が正しくないため読み取れません。PEM または DER のファイルかどうか確認してください。(詳細: ${(pki as PkiError).message})`);
  });

  it("an empty CSR names the input; a too-large one keeps its status; other errors pass through", () => {
    const empty = fromPkiError(caught(() => parseCsr("")), { en: "CSR", ja: "CSR" }) as InkanError;
    expect(empty.code).toBe("VALIDATION");
    expect(empty.messageIn("ja")).toBe("CSRが空です。ファイルをアップロードするか、内容を貼り付けてください。");
    expect(empty.messageIn("en")).toMatch(/^The CSR is empty\. /);
    const large = fromPkiError(caught(() => parseCsr("A".repeat(70_000)))) as InkanError;
    expect([large.code, large.status]).toEqual(["TOO_LARGE", 413]);
    expect(large.messageIn("ja")).toMatch(/^入力が大きすぎます。/);
    const other = new Error("not ours");
    expect(fromPkiError(other)).toBe(other);
  });
});

describe("deploy refusals", () => {
  it("ACM's import rules explain themselves in Japanese", () => {
    const now = new Date("2026-12-05T00:00:00Z");
    const err = caught(() => checkAcmRules({ certificate: "MIIB...", privateKey: "", chain: "" }, now, { slug: "ia1", keyAlgorithm: "RSA-2048" }));
    expect(isInkanError(err) && err.messageIn("en")).toBe("ACM needs the certificate as one PEM CERTIFICATE block.");
    expect(isInkanError(err) && err.messageIn("ja")).toBe("ACM には証明書を PEM の CERTIFICATE ブロック1つで渡す必要があります。");
  });

  it("a deploy target with bad fields: every field message in both languages", async () => {
    const err = await refused(createTarget({ name: "Bad Name", region: "tokyo", bucket: "B", caSlugs: [], trustStoreName: "ts", credentialsMode: "DEFAULT" } as never, TEST_ACTOR));
    expect(err.code).toBe("VALIDATION");
    const en = err.fieldsIn("en")!;
    const ja = err.fieldsIn("ja")!;
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(en)).toEqual(expect.arrayContaining(["name", "region", "bucket", "caSlugs"]));
    expect(en.region).toBe("A region looks like ap-northeast-1.");
    expect(ja.region).toBe("リージョンは ap-northeast-1 のような形式です。");
    for (const field of Object.keys(ja)) expect(ja[field]).toMatch(JAPANESE);
    expect(err.messageIn("ja")).toMatch(JAPANESE);
  });
});

describe("certificate search parameters", () => {
  it("each refused parameter names itself in both languages", () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ sort: "name" }, "sort は issued か expiry です。"],
      [{ status: "lost" }, "status は valid、expired、revoked のいずれかです。"],
      [{ limit: "500" }, "limit は200以下です。"],
      [{ expiresAfter: "tomorrow" }, "expiresAfter は 2026-12-31 のような日付(または ISO 8601 の日時)です。"],
      [{ expiresBefore: "2026-13-45" }, "expiresBefore は 2026-12-31 のような日付(または ISO 8601 の日時)です。"],
    ];
    for (const [input, ja] of cases) {
      const err = caught(() => parseCertificateSearch(input)) as InkanError;
      expect(err.code).toBe("VALIDATION");
      expect(err.messageIn("ja")).toBe(ja);
      expect(err.messageIn("en")).not.toBe(ja);
    }
  });
});
