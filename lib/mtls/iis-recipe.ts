import type { Recipe } from "./types";
import { distributionBase } from "./crl-sync-recipe";
import type { ServerRecipeInput } from "./nginx-recipe";

/** The CTL store the seed creates for the CAs whose clients IIS asks for. */
export const IIS_CTL_STORE = "iis_client_trust";

function ipport(listen: string): string {
  return /^\d+$/.test(listen) ? `0.0.0.0:${listen}` : listen;
}

/**
 * The seed's IIS steps as commands for an elevated Command Prompt: the CA into the CTL store
 * and the machine's Trusted Root store (checked by its real thumbprint), the SSL binding with
 * client-certificate negotiation and the CTL, SendTrustedIssuerList, and the revocation cache.
 */
export function iisRecipe(input: ServerRecipeInput): Recipe {
  const { authority } = input;
  const base = distributionBase(input.publicUrl);
  const der = `${authority.slug}.der`;
  const thumb = authority.sha1Thumbprint.toLowerCase();
  const serverHash = input.serverCertificate?.sha1Thumbprint.toLowerCase() ?? "<server-certificate-thumbprint>";
  const commands = `REM Inkan: IIS client-certificate authentication with CA ${authority.slug} (${authority.subject}).
REM Run in a Command Prompt started as administrator on the IIS server.

REM 1. The CA certificate; its SHA-1 hash must be ${thumb}.
curl.exe -fsS -o ${der} ${base}/${der}
certutil -hashfile ${der} SHA1

REM 2. Into the CTL store (IIS then asks only for certificates of this CA) and the Trusted Root store.
certutil -f -addstore ${IIS_CTL_STORE} ${der}
certutil -f -addstore ROOT ${der}
certutil -verifystore ROOT ${thumb}

REM 3. Bind the server certificate${input.serverCertificate ? ` (Inkan serial ${input.serverCertificate.serial})` : ""} with client-certificate negotiation and the CTL.
${input.serverCertificate ? "" : "REM    Its thumbprint: certutil -store MY  (or, in PowerShell, Get-ChildItem Cert:\\LocalMachine\\My)\n"}REM    An existing binding on this address is changed by deleting it first: netsh http delete sslcert ipport=${ipport(input.options.listen)}
netsh http add sslcert ipport=${ipport(input.options.listen)} certhash=${serverHash} certstorename=MY clientcertnegotiation=enable sslctlstorename=${IIS_CTL_STORE} verifyclientcertrevocation=enable
netsh http show sslcert ipport=${ipport(input.options.listen)}

REM 4. Send the CTL's CA names to clients so browsers offer only matching certificates.
reg add HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL /v SendTrustedIssuerList /t REG_DWORD /d 1 /f

REM 5. Require SSL and the client certificate (IIS Manager: site, SSL Settings; "Accept" for optional).
%windir%\\system32\\inetsrv\\appcmd set config "Default Web Site" -section:system.webServer/security/access /sslFlags:"Ssl, SslNegotiateCert${input.options.verifyClient === "optional" ? "" : ", SslRequireCert"}" /commit:apphost
`;
  const revocation = `REM IIS reads the CRL from each client certificate's distribution point (${base}/${authority.slug}_crl.der)
REM and caches it until its next update; once that passes unrenewed, IIS refuses every client.
REM To apply a revocation at once, clear the cache (the seed's 5.3):
certutil -urlcache crl delete
certutil -setreg chain\\ChainCacheResyncFiletime "@now"
net stop cryptsvc
net start cryptsvc
`;
  return {
    server: "iis",
    blocks: [
      { id: "commands", language: "bat", text: commands },
      { id: "revocation", language: "bat", text: revocation },
    ],
  };
}
