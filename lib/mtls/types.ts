import type { RevocationReason } from "@/lib/pki";
import type { CertificateView } from "@/lib/ca";
import type { AccountKind, AccountStatus } from "@/lib/accounts";

// ---------------------------------------------------------------------------------------
// Identity: who is the client behind a certificate a TLS terminator passed on
// ---------------------------------------------------------------------------------------

/**
 * The live verdict on a presented certificate. "unknown": Inkan's CA signed nothing with this
 * serial, or the record differs; "foreign": no Inkan CA issued it.
 */
export type IdentityStatus = "valid" | "revoked" | "expired" | "not-yet-valid" | "unknown" | "foreign";

export const IDENTITY_STATUSES: readonly IdentityStatus[] = ["valid", "revoked", "expired", "not-yet-valid", "unknown", "foreign"];

/** Where the presented certificate came from. */
export type PresentedSource = "alb-verify" | "alb-passthrough" | "pem";

export interface PresentedCertificate {
  source: PresentedSource;
  serial: string;
  issuer: string;
  subject: string;
  notBefore: Date | null;
  notAfter: Date | null;
  /** SHA-256 fingerprint when the certificate itself was presented (not only its headers). */
  sha256: string | null;
}

export interface ClientIdentity {
  status: IdentityStatus;
  /** One sentence for humans (English); the UI shows a localized label for `status`. */
  explanation: string;
  presented: PresentedCertificate;
  authority: { slug: string; subject: string } | null;
  certificate: CertificateView | null;
  account: { name: string; kind: AccountKind; displayName: string | null; email: string | null; status: AccountStatus } | null;
  revocation: { reason: RevocationReason | null; revokedAt: Date | null } | null;
  checkedAt: Date;
}

// ---------------------------------------------------------------------------------------
// Server recipes
// ---------------------------------------------------------------------------------------

export type WebServer = "nginx" | "apache" | "iis" | "alb";
export const WEB_SERVERS: readonly WebServer[] = ["nginx", "apache", "iis", "alb"];

/** The CA a recipe trusts, with its issuers (for an intermediate CA) up to the root. */
export interface RecipeAuthority {
  slug: string;
  subject: string;
  /** Slugs of the CA and its issuers, the CA first: their certificates and CRLs go on the server. */
  chain: string[];
  /** SHA-1 of the CA certificate's DER in lower-case hex (certutil's and Windows' "thumbprint"). */
  sha1Thumbprint: string;
}

/** A server certificate from Inkan to name in the recipe (host name, IIS certhash). */
export interface RecipeServerCertificate {
  serial: string;
  hostnames: string[];
  sha1Thumbprint: string;
}

export interface RecipeOptions {
  /** "required": no valid certificate, no request. "optional": the application decides (the seed's Apache advice). */
  verifyClient: "required" | "optional";
  /** Defaults to the number of CA certificates above the leaf. */
  verifyDepth?: number;
  /** Defaults to the server certificate's first host name. */
  serverName?: string;
  /** nginx listen / IIS ipport: "443" or "address:port". */
  listen: string;
  /** The application the web server proxies to. */
  upstream: string;
  /** Where the CA and CRL files live on the web server; defaults per server. */
  directory?: string;
  serverCertificateFile?: string;
  serverKeyFile?: string;
  /** Apache SSLRequire: the subject attribute values accepted (empty: not checked). */
  requireSubject: { O: string[]; C: string[]; OU: string[] };
  /** cron schedule of the CRL refresh. */
  schedule: string;
  /** The command that makes the web server re-read the CRL; defaults per server. */
  reloadCommand?: string;
  /** Where the CRL refresh script is installed. */
  syncScriptPath?: string;
}

/** One copy-ready piece of a recipe; the page titles it from `id`. */
export interface RecipeBlock {
  id: "install" | "config" | "sync-script" | "cron" | "commands" | "revocation" | "identity";
  /** The file to save it as, when it is a file. */
  path?: string;
  language: "sh" | "nginx" | "apache" | "bat" | "cron";
  text: string;
}

export interface Recipe {
  server: WebServer;
  blocks: RecipeBlock[];
}
