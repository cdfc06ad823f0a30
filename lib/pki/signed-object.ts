/** The SEQUENCE { tbs, signatureAlgorithm, signature } shape shared by certificates, CSRs and CRLs. */
import type { KeyObject } from "node:crypto";
import { PkiError } from "./errors";
import { DerReader, decodeBitString, decodeOid, encodingOf, readTop, type Tlv } from "./der-reader";
import { TAG } from "./der-writer";
import { verifyAlgorithmFor, verifyWithSpki, type VerifyAlgorithm } from "./signer";

/** Parts of a signed object, as views into the input. */
export interface SignedParts {
  tbs: Tlv;
  /** Encoded AlgorithmIdentifier, to compare with the copy inside the tbs. */
  algorithmDer: Buffer;
  algorithmOid: string;
  algorithmParamsOk: boolean;
  signature: Buffer;
}

/** Splits a signed object; the whole buffer must be exactly one SEQUENCE. */
export function readSigned(buf: Buffer, what: string): SignedParts {
  const outer = DerReader.inside(buf, readTop(buf, TAG.SEQUENCE, what));
  const tbs = outer.next(TAG.SEQUENCE, `${what} body`);
  const algTlv = outer.next(TAG.SEQUENCE, "signatureAlgorithm");
  const alg = DerReader.inside(buf, algTlv);
  const algorithmOid = decodeOid(buf, alg.next(TAG.OID, "signature algorithm"));
  const params = alg.done ? null : alg.next();
  alg.expectEnd("signature algorithm");
  const sig = decodeBitString(buf, outer.next(TAG.BIT_STRING, "signature"));
  outer.expectEnd(what);
  if (sig.unusedBits !== 0) throw new PkiError("MALFORMED_INPUT", `The ${what} signature BIT STRING has unused bits.`);
  return {
    tbs,
    algorithmDer: encodingOf(buf, algTlv),
    algorithmOid,
    algorithmParamsOk: params === null || (params.tag === TAG.NULL && params.end === params.contentStart),
    signature: sig.bytes,
  };
}

/** Resolves the algorithm (throws UNSUPPORTED_ALGORITHM) and verifies the signature. */
export function verifySigned(buf: Buffer, parts: SignedParts, spki: Buffer | KeyObject): { valid: boolean; algorithm: VerifyAlgorithm } {
  const algorithm = verifyAlgorithmFor(parts.algorithmOid, parts.algorithmParamsOk);
  const valid = verifyWithSpki(algorithm, spki, encodingOf(buf, parts.tbs), parts.signature);
  return { valid, algorithm };
}
