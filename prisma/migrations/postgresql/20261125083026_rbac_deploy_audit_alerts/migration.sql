-- DropIndex
DROP INDEX "AuditEvent_action_at_idx";

-- DropIndex
DROP INDEX "AuditEvent_targetType_targetId_idx";

-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Admin" ADD COLUMN     "totpEnabledAt" TIMESTAMP(3),
ADD COLUMN     "totpLastStep" INTEGER,
ADD COLUMN     "totpRequired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "totpSecretSealed" BYTEA;

-- AlterTable
ALTER TABLE "CertificateAuthority" ADD COLUMN     "revocationReason" TEXT,
ADD COLUMN     "revokedAt" TIMESTAMP(3),
ADD COLUMN     "serial" TEXT;

-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "builtIn" TEXT,
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Template" ADD COLUMN     "builtIn" TEXT,
ADD COLUMN     "emailInSubject" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "extendedKeyUsage" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "keyUsage" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "maxValidCertificates" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sanDnsFromHostnames" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "sanEmailFromAccount" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "SignInPolicy" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "requireTotp" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "emailEnabled" BOOLEAN NOT NULL DEFAULT false,
    "smtpHost" TEXT NOT NULL DEFAULT '',
    "smtpPort" INTEGER NOT NULL DEFAULT 587,
    "smtpSecure" BOOLEAN NOT NULL DEFAULT false,
    "smtpUser" TEXT NOT NULL DEFAULT '',
    "smtpPasswordSealed" BYTEA,
    "fromAddress" TEXT NOT NULL DEFAULT '',
    "adminRecipients" TEXT NOT NULL DEFAULT '[]',
    "webhookEnabled" BOOLEAN NOT NULL DEFAULT false,
    "webhookUrl" TEXT NOT NULL DEFAULT '',
    "webhookSecretSealed" BYTEA,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "certificateId" TEXT,
    "step" INTEGER,
    "target" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "details" TEXT NOT NULL DEFAULT '{}',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3),
    "emailSentAt" TIMESTAMP(3),
    "webhookSentAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeployTarget" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL DEFAULT '',
    "caSlugs" TEXT NOT NULL DEFAULT '[]',
    "trustStoreArn" TEXT,
    "trustStoreName" TEXT,
    "s3Endpoint" TEXT,
    "elbv2Endpoint" TEXT,
    "acmEndpoint" TEXT,
    "credentialsMode" TEXT NOT NULL DEFAULT 'DEFAULT',
    "accessKeyId" TEXT,
    "secretKeySealed" BYTEA,
    "bundleKey" TEXT,
    "revocations" TEXT NOT NULL DEFAULT '[]',
    "pendingAdd" TEXT,
    "lastSuccessAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeployTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeployRun" (
    "id" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "retryOf" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "journal" TEXT NOT NULL DEFAULT '[]',
    "revocationIdsAdded" TEXT NOT NULL DEFAULT '[]',
    "revocationIdsRemoved" TEXT NOT NULL DEFAULT '[]',
    "entries" INTEGER,
    "errorCode" TEXT,
    "errorMessage" TEXT,

    CONSTRAINT "DeployRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AcmCertificate" (
    "id" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "certificateArn" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AcmCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeployLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeployLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "Alert_dedupKey_key" ON "Alert"("dedupKey");

-- CreateIndex
CREATE INDEX "Alert_status_claimedAt_idx" ON "Alert"("status", "claimedAt");

-- CreateIndex
CREATE INDEX "Alert_kind_createdAt_idx" ON "Alert"("kind", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_certificateId_step_key" ON "Alert"("certificateId", "step");

-- CreateIndex
CREATE UNIQUE INDEX "DeployTarget_name_key" ON "DeployTarget"("name");

-- CreateIndex
CREATE INDEX "DeployRun_targetId_startedAt_idx" ON "DeployRun"("targetId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AcmCertificate_targetId_accountId_key" ON "AcmCertificate"("targetId", "accountId");

-- CreateIndex
CREATE INDEX "Account_createdAt_id_idx" ON "Account"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Account_status_createdAt_id_idx" ON "Account"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Account_status_name_idx" ON "Account"("status", "name");

-- CreateIndex
CREATE INDEX "AuditEvent_at_seq_idx" ON "AuditEvent"("at", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_seq_idx" ON "AuditEvent"("action", "at", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_actor_at_seq_idx" ON "AuditEvent"("actor", "at", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_at_seq_idx" ON "AuditEvent"("targetType", "targetId", "at", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_ip_at_seq_idx" ON "AuditEvent"("ip", "at", "seq");

-- CreateIndex
CREATE INDEX "Certificate_status_notAfter_idx" ON "Certificate"("status", "notAfter");

-- CreateIndex
CREATE INDEX "Certificate_createdAt_idx" ON "Certificate"("createdAt");

-- CreateIndex
CREATE INDEX "Certificate_accountId_status_notAfter_idx" ON "Certificate"("accountId", "status", "notAfter");

-- CreateIndex
CREATE UNIQUE INDEX "Group_builtIn_key" ON "Group"("builtIn");

-- CreateIndex
CREATE UNIQUE INDEX "Template_builtIn_key" ON "Template"("builtIn");

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeployRun" ADD CONSTRAINT "DeployRun_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "DeployTarget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AcmCertificate" ADD CONSTRAINT "AcmCertificate_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "DeployTarget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill the search column for accounts created before it existed, as lib/accounts/search-text.ts
-- builds it (LIKE wildcards mapped to U+E025 and U+E05F).
UPDATE "Account" SET "searchText" = replace(replace(lower("name" || ' ' || coalesce("displayName", '') || ' ' || coalesce("email", '') || ' ' || replace(replace(replace(replace("hostnames", '[', ''), ']', ''), '"', ''), ',', ' ')), '%', chr(57381)), '_', chr(57439));
