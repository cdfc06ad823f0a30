import { createPublicKey } from "node:crypto";
import { ImportCertificateCommand } from "@aws-sdk/client-acm";
import { fromPemAll, parseCertificate, toPem, verifyCertificateSignature, PEM_LABEL } from "@/lib/pki";
import { getDb } from "@/lib/db";
import { InkanError } from "@/lib/errors";
import { recordEvent, recordStandaloneEvent, type Actor } from "@/lib/audit";
import { openLeafKey } from "@/lib/ca";
import { verifyPassword } from "@/lib/auth";
import { clientsFor } from "./aws-clients";
import { adminPasswordHash, findAcmImport, findCertificateForAcm, findTargetRow } from "./data";
import { ACM_RULES } from "./quotas";
import { awsErrorCode, awsErrorMessage, DEFAULT_RETRY, withRetry, type RetryPolicy, type Sleep } from "./retry";

export interface AcmPems {
  certificate: string;
  privateKey: string;
  chain: string;
}

// ACM imports a certificate only with one of these keys (ACM User Guide, "Prerequisites for
// importing ACM certificates"): RSA of 1024, 2048, 3072 or 4096 bits, or ECDSA on P-256
// (EC_prime256v1), P-384 (EC_secp384r1) or P-521 (EC_secp521r1). Any other size, such as an
// RSA 8192 key from a CSR, is refused by ImportCertificate.
const ACM_KEYS = new Set(["rsa:1024", "rsa:2048", "rsa:3072", "rsa:4096", "ec:P-256", "ec:P-384", "ec:P-521"]);

/** The CA that issued the certificate, as Inkan recorded it. */
export interface AcmIssuer {
  slug: string;
  keyAlgorithm: string;
}

/**
 * ACM's import rules, checked before any call so the message says what to fix: PEM only,
 * an unencrypted key of at most 5 KB that belongs to the certificate, a supported key type,
 * a certificate valid right now, and a chain whose CA (of the key algorithm Inkan recorded
 * for it) signed the certificate.
 */
export function checkAcmRules(pems: AcmPems, now: Date, issuer: AcmIssuer): void {
  const pem = /^-----BEGIN [A-Z0-9 ]+-----\n[A-Za-z0-9+/=\n]+-----END [A-Z0-9 ]+-----\n$/;
  if (!pem.test(pems.certificate) || !pems.certificate.startsWith("-----BEGIN CERTIFICATE-----")) throw new InkanError("UNPROCESSABLE", { en: "ACM needs the certificate as one PEM CERTIFICATE block.", ja: "ACM には証明書を PEM の CERTIFICATE ブロック1つで渡す必要があります。" });
  if (!pems.privateKey.startsWith("-----BEGIN PRIVATE KEY-----")) throw new InkanError("UNPROCESSABLE", { en: "ACM needs the private key as unencrypted PEM (PRIVATE KEY).", ja: "ACM には秘密鍵を暗号化されていない PEM(PRIVATE KEY)で渡す必要があります。" });
  if (!pems.chain.startsWith("-----BEGIN CERTIFICATE-----")) throw new InkanError("UNPROCESSABLE", { en: "ACM needs the certificate chain as PEM CERTIFICATE blocks.", ja: "ACM には証明書チェーンを PEM の CERTIFICATE ブロックで渡す必要があります。" });
  const keyBytes = Buffer.byteLength(pems.privateKey);
  if (keyBytes > ACM_RULES.privateKeyBytes) throw new InkanError("UNPROCESSABLE", { en: `The private key is ${keyBytes} bytes as PEM; ACM accepts at most ${ACM_RULES.privateKeyBytes} bytes (5 KB).`, ja: `秘密鍵は PEM で ${keyBytes} バイトです。ACM が受け付けるのは ${ACM_RULES.privateKeyBytes} バイト(5 KB)までです。` });
  const info = parseCertificate(pems.certificate);
  const kind = info.key.type === "rsa" ? `rsa:${info.key.bits}` : `ec:${info.key.curve ?? info.key.bits}`;
  if (!ACM_KEYS.has(kind)) throw new InkanError("UNPROCESSABLE", { en: `ACM does not import certificates with a ${kind.replace(":", " ")} key; it accepts RSA 1024–4096 and ECDSA P-256, P-384, P-521.`, ja: `ACM は ${kind.replace(":", " ")} 鍵の証明書をインポートしません。受け付けるのは RSA 1024〜4096 と ECDSA P-256、P-384、P-521 です。` });
  const keySpki = createPublicKey(pems.privateKey).export({ type: "spki", format: "der" });
  if (!keySpki.equals(info.subjectPublicKeySpki)) throw new InkanError("UNPROCESSABLE", { en: "The private key does not belong to the certificate; ACM would refuse the pair.", ja: "秘密鍵がこの証明書のものではありません。ACM はこの組み合わせを拒否します。" });
  if (now < info.notBefore) throw new InkanError("UNPROCESSABLE", { en: `The certificate is not valid before ${info.notBefore.toISOString()}; ACM imports only a certificate that is currently valid.`, ja: `証明書は ${info.notBefore.toISOString()} まで有効になりません。ACM がインポートするのは現在有効な証明書だけです。` });
  if (now > info.notAfter) throw new InkanError("UNPROCESSABLE", { en: `The certificate expired on ${info.notAfter.toISOString()}; ACM imports only a certificate that is currently valid. Issue a new one.`, ja: `証明書は ${info.notAfter.toISOString()} に期限切れになりました。ACM がインポートするのは現在有効な証明書だけです。新しい証明書を発行してください。` });
  // ACM checks that each chain certificate directly certifies the one before it (ACM User
  // Guide, "Certificate import problems"), and answers a mismatch only with a generic error.
  const [caBlock] = fromPemAll(pems.chain);
  const ca = parseCertificate(caBlock.der);
  const caKind = ca.key.keyAlgorithm ?? `${ca.key.type.toUpperCase()}-${ca.key.curve ?? ca.key.bits}`;
  if (caKind !== issuer.keyAlgorithm) {
    throw new InkanError("UNPROCESSABLE", { en: `The chain's CA certificate has a ${caKind} key, but CA ${issuer.slug} is recorded with ${issuer.keyAlgorithm}; the chain is not this CA's, and ACM would refuse it.`, ja: `チェーンの CA 証明書の鍵は ${caKind} ですが、認証局 ${issuer.slug} の記録は ${issuer.keyAlgorithm} です。このチェーンはこの認証局のものではなく、ACM は拒否します。` });
  }
  if (!verifyCertificateSignature(fromPemAll(pems.certificate)[0].der, ca.subjectPublicKeySpki)) {
    throw new InkanError("UNPROCESSABLE", { en: `The certificate is signed with ${info.signatureAlgorithm}, not by the ${issuer.keyAlgorithm} key of CA ${issuer.slug}; ACM checks the chain and would refuse it.`, ja: `証明書は ${info.signatureAlgorithm} で署名されており、認証局 ${issuer.slug} の ${issuer.keyAlgorithm} 鍵による署名ではありません。ACM はチェーンを検査するため拒否します。` });
  }
}

/** The three PEMs of a server certificate whose key Inkan holds, after the usual refusals. */
async function acmPemsFor(serial: string) {
  const cert = await findCertificateForAcm(serial);
  if (cert.account.kind !== "SERVER") throw new InkanError("UNPROCESSABLE", { en: `Certificate ${cert.serial} belongs to a user account; ACM is for server certificates.`, ja: `証明書 ${cert.serial} はユーザアカウントのものです。ACM はサーバ証明書用です。` });
  if (cert.status !== "ISSUED") throw new InkanError("UNPROCESSABLE", { en: `Certificate ${cert.serial} is revoked; issue a new one for ${cert.account.name}.`, ja: `証明書 ${cert.serial} は失効しています。${cert.account.name} に新しい証明書を発行してください。` });
  if (!cert.privateKeyEncrypted) throw new InkanError("UNPROCESSABLE", { en: `Inkan does not hold the key of certificate ${cert.serial} (it was issued from a CSR); import it into ACM from the server that has the key.`, ja: `Inkan は証明書 ${cert.serial} の鍵を保持していません(CSR から発行されました)。鍵を持つサーバから ACM にインポートしてください。` });
  const key = openLeafKey(cert.caId, cert.serial, cert.privateKeyEncrypted);
  const der = Buffer.from(cert.certificateDer);
  const pems: AcmPems = {
    certificate: toPem(PEM_LABEL.CERTIFICATE, der),
    privateKey: key.export({ type: "pkcs8", format: "pem" }).toString(),
    chain: cert.chainDer.map((c) => toPem(PEM_LABEL.CERTIFICATE, c)).join(""),
  };
  return { cert, pems, issuer: { slug: cert.ca.slug, keyAlgorithm: cert.ca.keyAlgorithm } };
}

/**
 * Imports a server certificate into ACM through a target's account and region. A renewal
 * (a newer certificate of the same account) re-imports into the stored CertificateArn, so
 * listeners that use it pick up the new certificate.
 */
export async function importToAcm(serial: string, targetName: string, actor: Actor, options: { now?: Date; retry?: RetryPolicy; sleep?: Sleep; requestTimeoutMs?: number } = {}): Promise<{ certificateArn: string; reimported: boolean }> {
  const now = options.now ?? new Date();
  const target = await findTargetRow(targetName);
  const { cert, pems, issuer } = await acmPemsFor(serial);
  checkAcmRules(pems, now, issuer);
  const previous = await findAcmImport(target.id, cert.account.id);
  const clients = clientsFor(target, options.requestTimeoutMs);
  let certificateArn: string;
  try {
    // Re-importing the same bytes into the same ARN is harmless, so retries are safe once an
    // ARN exists; a first import is tried once (a retry could create a second certificate).
    const policy = previous ? options.retry ?? DEFAULT_RETRY : { ...(options.retry ?? DEFAULT_RETRY), attempts: 1 };
    const out = await withRetry(() => clients.acm.send(new ImportCertificateCommand({
      ...(previous ? { CertificateArn: previous.certificateArn } : {}),
      Certificate: Buffer.from(pems.certificate),
      PrivateKey: Buffer.from(pems.privateKey),
      CertificateChain: Buffer.from(pems.chain),
    })), policy, { sleep: options.sleep });
    if (!out.CertificateArn) throw new InkanError("INTERNAL", { en: "ACM answered without a CertificateArn.", ja: "ACM の応答に CertificateArn がありません。" });
    certificateArn = out.CertificateArn;
  } catch (err) {
    if (err instanceof InkanError) throw err;
    await recordStandaloneEvent({ actor, action: "deploy.acm.import", target: { type: "certificate", id: cert.serial }, outcome: "FAILURE", details: { target: target.name, errorCode: awsErrorCode(err), errorMessage: awsErrorMessage(err) } });
    throw new InkanError("UNPROCESSABLE", { en: `ACM refused the import: ${awsErrorCode(err)}: ${awsErrorMessage(err)}`, ja: `ACM がインポートを拒否しました: ${awsErrorCode(err)}: ${awsErrorMessage(err)}` });
  } finally {
    clients.close();
  }
  await getDb().$transaction(async (tx) => {
    await tx.acmCertificate.upsert({
      where: { targetId_accountId: { targetId: target.id, accountId: cert.account.id } },
      create: { targetId: target.id, accountId: cert.account.id, certificateArn, serial: cert.serial, importedAt: now },
      update: { certificateArn, serial: cert.serial, importedAt: now },
    });
    await recordEvent(tx, {
      actor, action: "deploy.acm.import", target: { type: "certificate", id: cert.serial },
      details: { target: target.name, account: cert.account.name, certificateArn, reimport: Boolean(previous) },
    }, now);
  });
  return { certificateArn, reimported: Boolean(previous) };
}

/**
 * The certificate, its unencrypted key and the chain as PEM, for a manual ACM import. The
 * administrator re-types their password first; the key is never logged or audited.
 */
export async function exportForAcm(serial: string, actor: Actor, password: string, now = new Date()): Promise<AcmPems> {
  if (actor.kind !== "admin" || !actor.id) throw new InkanError("FORBIDDEN", { en: "Exporting a private key needs a signed-in administrator who re-types their password (API tokens cannot).", ja: "秘密鍵のエクスポートには、ログイン中の管理者がパスワードを再入力する必要があります(API トークンではできません)。" });
  const ok = await verifyPassword(await adminPasswordHash(actor.id), password);
  if (!ok) {
    await recordStandaloneEvent({ actor, action: "deploy.acm.export", target: { type: "certificate", id: serial }, outcome: "FAILURE", details: { reason: "wrong password" } });
    throw new InkanError("UNAUTHENTICATED", { en: "The password is wrong; type your own sign-in password to confirm the export.", ja: "パスワードが違います。エクスポートを確認するため、ご自身のログインパスワードを入力してください。" });
  }
  const { cert, pems, issuer } = await acmPemsFor(serial);
  checkAcmRules(pems, now, issuer);
  await recordStandaloneEvent({ actor, action: "deploy.acm.export", target: { type: "certificate", id: cert.serial }, details: { account: cert.account.name } });
  return pems;
}
