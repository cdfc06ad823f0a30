/**
 * Apple configuration profiles (.mobileconfig): an XML property list with a root-certificate
 * payload (com.apple.security.root) and an identity payload (com.apple.security.pkcs12).
 * Signing is separate (signCms) so the unsigned plist stays testable.
 */
import crypto from "node:crypto";

export interface MobileconfigParams {
  displayName: string;
  /** Reverse-DNS identifier, e.g. "com.example.profile". */
  identifier: string;
  organization?: string;
  description?: string;
  /** DER CA certificate to install as a trusted root. */
  rootCertificate: Buffer;
  rootName: string;
  /** PKCS#12 with the user's key and certificate. */
  pkcs12: Buffer;
  pkcs12FileName: string;
  /** Embedded so iOS does not ask; omit to make the user type it (e.g. the login password). */
  pkcs12Password?: string;
  /** UUIDs for the profile and its two payloads; random when absent. */
  uuids?: { profile: string; root: string; identity: string };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

type PlistValue = string | number | boolean | Buffer | PlistValue[] | { [key: string]: PlistValue | undefined };

function plistValue(v: PlistValue, indent: string): string {
  if (typeof v === "string") return `${indent}<string>${escapeXml(v)}</string>\n`;
  if (typeof v === "number") return `${indent}<integer>${Math.trunc(v)}</integer>\n`;
  if (typeof v === "boolean") return `${indent}<${v}/>\n`;
  if (Buffer.isBuffer(v)) return `${indent}<data>${v.toString("base64")}</data>\n`;
  if (Array.isArray(v)) return `${indent}<array>\n${v.map((x) => plistValue(x, indent + "\t")).join("")}${indent}</array>\n`;
  const entries = Object.entries(v).filter(([, x]) => x !== undefined) as [string, PlistValue][];
  return `${indent}<dict>\n${entries.map(([k, x]) => `${indent}\t<key>${escapeXml(k)}</key>\n${plistValue(x, indent + "\t")}`).join("")}${indent}</dict>\n`;
}

/** The profile as an XML property list (UTF-8), ready to be CMS-signed. */
export function buildMobileconfig(p: MobileconfigParams): Buffer {
  const uuids = p.uuids ?? { profile: crypto.randomUUID(), root: crypto.randomUUID(), identity: crypto.randomUUID() };
  const profile: PlistValue = {
    PayloadContent: [
      {
        PayloadCertificateFileName: `${p.rootName}.cer`,
        PayloadContent: p.rootCertificate,
        PayloadDescription: "Root certificate",
        PayloadDisplayName: p.rootName,
        PayloadIdentifier: `${p.identifier}.root`,
        PayloadType: "com.apple.security.root",
        PayloadUUID: uuids.root,
        PayloadVersion: 1,
      },
      {
        PayloadCertificateFileName: p.pkcs12FileName,
        PayloadContent: p.pkcs12,
        PayloadDescription: "Client certificate",
        PayloadDisplayName: p.pkcs12FileName,
        PayloadIdentifier: `${p.identifier}.identity`,
        PayloadType: "com.apple.security.pkcs12",
        PayloadUUID: uuids.identity,
        PayloadVersion: 1,
        Password: p.pkcs12Password,
      },
    ],
    PayloadDescription: p.description || undefined,
    PayloadDisplayName: p.displayName,
    PayloadIdentifier: p.identifier,
    PayloadOrganization: p.organization || undefined,
    PayloadRemovalDisallowed: false,
    PayloadType: "Configuration",
    PayloadUUID: uuids.profile,
    PayloadVersion: 1,
  };
  return Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
      '<plist version="1.0">\n' + plistValue(profile, "") + "</plist>\n",
    "utf8",
  );
}
