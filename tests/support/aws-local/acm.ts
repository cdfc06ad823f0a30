// ACM over JSON 1.1 (X-Amz-Target: CertificateManager.<Op>): imported certificates only.
// ImportCertificate validates like ACM does: PEM, one certificate, an unencrypted supported key
// of at most 5 KB that matches the certificate, and a certificate valid right now.
import { X509Certificate, createPrivateKey, createPublicKey, randomUUID, type KeyObject } from "node:crypto";
import { AwsError } from "./aws-error";
import { DerError, TAG, children, expectTag, oid, pemBlocks, readRoot } from "./der";
import type { ServiceHandler, ServiceResponse } from "./server";

export interface AcmCertificateState {
  arn: string;
  certificate: string;
  chain?: string;
  privateKey: string;
  keyAlgorithm: string;
  importedAt: Date;
  importCount: number;
}

const MAX_PRIVATE_KEY_BYTES = 5 * 1024;
// ListCertificates without Includes.keyTypes returns only these (ACM API reference, Filters).
const DEFAULT_LISTED_KEY_TYPES = ["RSA_1024", "RSA_2048"];

const SIGNATURE_ALGORITHMS: Record<string, string> = {
  "1.2.840.113549.1.1.5": "SHA1WITHRSA",
  "1.2.840.113549.1.1.11": "SHA256WITHRSA",
  "1.2.840.113549.1.1.12": "SHA384WITHRSA",
  "1.2.840.113549.1.1.13": "SHA512WITHRSA",
  "1.2.840.10045.4.3.2": "SHA256WITHECDSA",
  "1.2.840.10045.4.3.3": "SHA384WITHECDSA",
  "1.2.840.10045.4.3.4": "SHA512WITHECDSA",
};

export class AcmCertificates {
  private certificates: AcmCertificateState[] = [];

  constructor(private readonly config: { region: string; accountId: string; now: () => Date }) {}

  import(input: { Certificate?: string; PrivateKey?: string; CertificateChain?: string; CertificateArn?: string }): string {
    const certificatePem = blob(input.Certificate, "Certificate", true)!;
    const keyPem = blob(input.PrivateKey, "PrivateKey", true)!;
    const chainPem = blob(input.CertificateChain, "CertificateChain", false);
    const existing = input.CertificateArn ? this.find(input.CertificateArn) : undefined;

    const certificate = singleCertificate(certificatePem);
    const key = privateKeyOf(keyPem);
    const keyAlgorithm = keyAlgorithmOf(key);
    const spki = (k: KeyObject) => k.export({ type: "spki", format: "der" });
    if (!spki(createPublicKey(key)).equals(spki(certificate.publicKey))) {
      throw new AwsError("ValidationException", "The private key does not match the public key in the certificate.");
    }
    const now = this.config.now();
    if (now < new Date(certificate.validFrom)) throw new AwsError("ValidationException", `The certificate is not valid yet (notBefore ${certificate.validFrom}).`);
    if (now > new Date(certificate.validTo)) throw new AwsError("ValidationException", `The certificate has expired (notAfter ${certificate.validTo}).`);
    if (chainPem !== undefined) chainOf(chainPem);

    const state: AcmCertificateState = {
      arn: existing?.arn ?? `arn:aws:acm:${this.config.region}:${this.config.accountId}:certificate/${randomUUID()}`,
      certificate: certificatePem,
      chain: chainPem,
      privateKey: keyPem,
      keyAlgorithm,
      importedAt: now,
      importCount: (existing?.importCount ?? 0) + 1,
    };
    if (existing) this.certificates[this.certificates.indexOf(existing)] = state;
    else this.certificates.push(state);
    return state.arn;
  }

  describe(arn: string): Record<string, unknown> {
    const c = this.find(arn);
    const x = new X509Certificate(c.certificate);
    const names = subjectAltNames(x);
    return {
      CertificateArn: c.arn,
      DomainName: commonName(x.subject) ?? names[0],
      SubjectAlternativeNames: names.length ? names : undefined,
      Serial: x.serialNumber.toLowerCase().match(/../g)!.join(":"),
      Subject: x.subject.split("\n").join(","),
      Issuer: commonName(x.issuer) ?? x.issuer.split("\n").join(","),
      ImportedAt: seconds(c.importedAt),
      NotBefore: seconds(new Date(x.validFrom)),
      NotAfter: seconds(new Date(x.validTo)),
      KeyAlgorithm: c.keyAlgorithm,
      SignatureAlgorithm: signatureAlgorithm(x),
      Status: this.status(x),
      Type: "IMPORTED",
      InUseBy: [],
      RenewalEligibility: "INELIGIBLE",
    };
  }

  get(arn: string): { Certificate: string; CertificateChain?: string } {
    const c = this.find(arn);
    return { Certificate: c.certificate, CertificateChain: c.chain };
  }

  list(input: { CertificateStatuses?: string[]; Includes?: { keyTypes?: string[] }; MaxItems?: number; NextToken?: string }) {
    const keyTypes = input.Includes?.keyTypes ?? DEFAULT_LISTED_KEY_TYPES;
    const matching = this.certificates
      .map((c) => ({ c, x: new X509Certificate(c.certificate) }))
      .filter(({ c, x }) => keyTypes.includes(c.keyAlgorithm) && (!input.CertificateStatuses?.length || input.CertificateStatuses.includes(this.status(x))));
    const max = input.MaxItems ?? 1000;
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw new AwsError("ValidationException", "MaxItems must be between 1 and 1000.");
    const start = input.NextToken ? Number(Buffer.from(input.NextToken, "base64url").toString()) : 0;
    if (!Number.isInteger(start) || start < 0) throw new AwsError("InvalidArgsException", "The NextToken is not valid.");
    const page = matching.slice(start, start + max);
    return {
      CertificateSummaryList: page.map(({ c, x }) => ({
        CertificateArn: c.arn,
        DomainName: commonName(x.subject) ?? subjectAltNames(x)[0],
        SubjectAlternativeNameSummaries: subjectAltNames(x),
        HasAdditionalSubjectAlternativeNames: false,
        Status: this.status(x),
        Type: "IMPORTED",
        KeyAlgorithm: c.keyAlgorithm,
        InUse: false,
        RenewalEligibility: "INELIGIBLE",
        NotBefore: seconds(new Date(x.validFrom)),
        NotAfter: seconds(new Date(x.validTo)),
        ImportedAt: seconds(c.importedAt),
      })),
      NextToken: start + max < matching.length ? Buffer.from(String(start + max)).toString("base64url") : undefined,
    };
  }

  delete(arn: string): void {
    this.certificates.splice(this.certificates.indexOf(this.find(arn)), 1);
  }

  // Harness views.
  current(arn: string): AcmCertificateState | undefined {
    const c = this.certificates.find((x) => x.arn === arn);
    return c && { ...c };
  }

  all(): AcmCertificateState[] {
    return this.certificates.map((c) => ({ ...c }));
  }

  private find(arn: string): AcmCertificateState {
    if (!/^arn:aws:acm:[^:]+:\d{12}:certificate\/[0-9a-f-]+$/.test(arn)) throw new AwsError("InvalidArnException", `The ARN '${arn}' is not a valid ACM certificate ARN.`);
    const c = this.certificates.find((x) => x.arn === arn);
    if (!c) throw new AwsError("ResourceNotFoundException", `Could not find certificate ${arn}.`);
    return c;
  }

  private status(x: X509Certificate): string {
    return this.config.now() > new Date(x.validTo) ? "EXPIRED" : "ISSUED";
  }
}

export function acmHandler(certificates: AcmCertificates): ServiceHandler {
  const operations: Record<string, (input: Record<string, never>) => unknown> = {
    ImportCertificate: (input) => ({ CertificateArn: certificates.import(input) }),
    DescribeCertificate: (input) => ({ Certificate: certificates.describe(arnOf(input)) }),
    GetCertificate: (input) => certificates.get(arnOf(input)),
    ListCertificates: (input) => certificates.list(input),
    DeleteCertificate: (input) => {
      certificates.delete(arnOf(input));
      return {};
    },
  };
  const operationOf = (target: unknown) => String(target ?? "").replace(/^CertificateManager\./, "");

  return {
    service: "acm",
    operationOf: (req) => operationOf(req.headers["x-amz-target"]),
    async handle(req) {
      try {
        const operation = operations[operationOf(req.headers["x-amz-target"])];
        if (req.method !== "POST" || !operation) throw new AwsError("UnknownOperationException", `Unknown operation ${String(req.headers["x-amz-target"])}.`);
        if (!String(req.headers["content-type"]).startsWith("application/x-amz-json-1.1")) {
          throw new AwsError("SerializationException", "Content-Type must be application/x-amz-json-1.1.");
        }
        let input: Record<string, never>;
        try {
          input = JSON.parse(req.body.toString("utf8") || "{}");
        } catch {
          throw new AwsError("SerializationException", "The request body is not valid JSON.");
        }
        return json(200, operation(input));
      } catch (e) {
        if (e instanceof AwsError) return json(e.status, { __type: e.code, message: e.message });
        throw e;
      }
    },
    faultResponse: (kind) =>
      kind === "throttle"
        ? json(400, { __type: "ThrottlingException", message: "Rate exceeded" })
        : json(500, { __type: "InternalFailure", message: "The request processing has failed because of an unknown error." }),
    unauthenticated: () => json(403, { __type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" }),
  };
}

function json(status: number, body: unknown): ServiceResponse {
  return { status, headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": randomUUID() }, body: JSON.stringify(body) };
}

function arnOf(input: { CertificateArn?: string }): string {
  if (!input.CertificateArn) throw new AwsError("ValidationException", "CertificateArn is required.");
  return input.CertificateArn;
}

/** JSON 1.1 sends blobs base64-encoded; ACM expects PEM text inside. */
function blob(value: unknown, field: string, isRequired: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (isRequired) throw new AwsError("ValidationException", `${field} is required.`);
    return undefined;
  }
  if (typeof value !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw new AwsError("SerializationException", `${field} is not a base64 blob.`);
  return Buffer.from(value, "base64").toString("utf8");
}

function singleCertificate(pem: string): X509Certificate {
  const blocks = safeBlocks(pem, "certificate");
  if (blocks.length === 0 || blocks[0].label !== "CERTIFICATE") throw new AwsError("ValidationException", "Unable to parse certificate. Please ensure the certificate is in PEM format.");
  if (blocks.length > 1) throw new AwsError("ValidationException", "The certificate field contains more than one certificate. You can specify only one certificate in this field.");
  try {
    return new X509Certificate(blocks[0].der);
  } catch {
    throw new AwsError("ValidationException", "Unable to parse certificate. Please ensure the certificate is in PEM format.");
  }
}

function chainOf(pem: string): void {
  const blocks = safeBlocks(pem, "certificate chain");
  if (blocks.length === 0 || blocks.some((b) => b.label !== "CERTIFICATE")) throw new AwsError("ValidationException", "Unable to parse the certificate chain. Please ensure it holds PEM certificates only.");
  for (const b of blocks) {
    try {
      new X509Certificate(b.der);
    } catch {
      throw new AwsError("ValidationException", "Unable to parse a certificate in the certificate chain.");
    }
  }
}

function privateKeyOf(pem: string): KeyObject {
  if (Buffer.byteLength(pem) > MAX_PRIVATE_KEY_BYTES) throw new AwsError("ValidationException", `The private key is ${Buffer.byteLength(pem)} bytes; ACM accepts at most ${MAX_PRIVATE_KEY_BYTES}.`);
  const blocks = safeBlocks(pem, "private key");
  if (blocks.length !== 1 || !/^(RSA |EC )?PRIVATE KEY$/.test(blocks[0].label) || /Proc-Type: 4,ENCRYPTED/.test(pem)) {
    throw new AwsError("ValidationException", "The private key is not supported: it must be one unencrypted PEM private key.");
  }
  try {
    return createPrivateKey(blocks[0].text);
  } catch {
    throw new AwsError("ValidationException", "Unable to parse the private key.");
  }
}

function keyAlgorithmOf(key: KeyObject): string {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === "rsa" && [1024, 2048, 3072, 4096].includes(details.modulusLength ?? 0)) return `RSA_${details.modulusLength}`;
  if (key.asymmetricKeyType === "ec" && ["prime256v1", "secp384r1", "secp521r1"].includes(details.namedCurve ?? "")) return `EC_${details.namedCurve}`;
  throw new AwsError("ValidationException", `The private key algorithm (${key.asymmetricKeyType} ${details.modulusLength ?? details.namedCurve ?? ""}) is not supported.`);
}

function safeBlocks(pem: string, what: string) {
  try {
    return pemBlocks(pem);
  } catch {
    throw new AwsError("ValidationException", `The ${what} is not valid PEM.`);
  }
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signature }. */
function signatureAlgorithm(x: X509Certificate): string {
  try {
    const der = x.raw;
    const [, algId] = children(der, readRoot(der, TAG.SEQUENCE, "Certificate"));
    const [algOid] = children(der, expectTag(algId, TAG.SEQUENCE, "AlgorithmIdentifier"));
    const dotted = oid(der, expectTag(algOid, TAG.OID, "algorithm OID"));
    return SIGNATURE_ALGORITHMS[dotted] ?? dotted;
  } catch (e) {
    if (e instanceof DerError) return "UNKNOWN";
    throw e;
  }
}

function commonName(dn: string): string | undefined {
  return /^CN=(.*)$/m.exec(dn)?.[1];
}

function subjectAltNames(x: X509Certificate): string[] {
  return (x.subjectAltName ?? "")
    .split(", ")
    .filter((n) => n.startsWith("DNS:"))
    .map((n) => n.slice(4));
}

function seconds(d: Date): number {
  return d.getTime() / 1000;
}
