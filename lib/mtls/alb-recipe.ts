import type { Recipe } from "./types";
import { distributionBase, shellQuote } from "./crl-sync-recipe";
import { identityBlock } from "./identity-recipe";
import type { ServerRecipeInput } from "./nginx-recipe";

/**
 * What a deployment to an AWS Application Load Balancer does (the seed's §2.1–2.7), as AWS CLI
 * commands: the CA as the trust store's bundle, the PEM CRL as its revocation content, the
 * listener in mutual-TLS verify mode, and the CRL replaced after every publication.
 */
export function albRecipe(input: ServerRecipeInput): Recipe {
  const { authority } = input;
  const base = distributionBase(input.publicUrl);
  const name = `inkan-${authority.slug}`;
  const commands = `# Inkan CA ${authority.slug} (${authority.subject}) as the trust store of an ALB HTTPS listener.
BUCKET=my-trust-store-bucket           # S3 bucket the load balancer reads the files from
LISTENER_ARN=arn:aws:elasticloadbalancing:REGION:ACCOUNT:listener/app/NAME/ID/ID

# 1. The CA certificate (PEM) as the trust store's CA bundle.
curl -fsS -o ${authority.slug}.pem ${shellQuote(`${base}/${authority.slug}.pem`)}
aws s3 cp ${authority.slug}.pem "s3://$BUCKET/inkan/${authority.slug}.pem"
TRUST_STORE_ARN=$(aws elbv2 create-trust-store --name ${name} \\
  --ca-certificates-bundle-s3-bucket "$BUCKET" --ca-certificates-bundle-s3-key inkan/${authority.slug}.pem \\
  --query 'TrustStores[0].TrustStoreArn' --output text)

# 2. The CRL (PEM) as the trust store's revocation content.
curl -fsS -o ${authority.slug}_crl.pem ${shellQuote(`${base}/${authority.slug}_crl.pem`)}
aws s3 cp ${authority.slug}_crl.pem "s3://$BUCKET/inkan/${authority.slug}_crl.pem"
aws elbv2 add-trust-store-revocations --trust-store-arn "$TRUST_STORE_ARN" \\
  --revocation-contents "S3Bucket=$BUCKET,S3Key=inkan/${authority.slug}_crl.pem,RevocationType=CRL"

# 3. The listener verifies client certificates against the trust store (expired ones are refused).
aws elbv2 modify-listener --listener-arn "$LISTENER_ARN" \\
  --mutual-authentication "Mode=verify,TrustStoreArn=$TRUST_STORE_ARN,IgnoreClientCertificateExpiry=false"

# 4. After every CRL publication (a scheduler such as EventBridge with Lambda, or cron):
#    step 2 again, then remove the previous revocation content by its id.
aws elbv2 describe-trust-store-revocations --trust-store-arn "$TRUST_STORE_ARN" \\
  --query 'TrustStoreRevocations[].[RevocationId,NumberOfRevokedEntries]' --output text
aws elbv2 remove-trust-store-revocations --trust-store-arn "$TRUST_STORE_ARN" --revocation-ids OLD_REVOCATION_ID

# The targets then receive X-Amzn-Mtls-Clientcert-Serial-Number, -Issuer, -Subject, -Validity and -Leaf.
`;
  return { server: "alb", blocks: [{ id: "commands", language: "sh", text: commands }, identityBlock(input.publicUrl, "alb")] };
}
