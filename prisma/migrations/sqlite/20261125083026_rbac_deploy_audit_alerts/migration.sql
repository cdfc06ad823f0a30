-- DropIndex
DROP INDEX "AuditEvent_targetType_targetId_idx";

-- DropIndex
DROP INDEX "AuditEvent_action_at_idx";

-- AlterTable
ALTER TABLE "CertificateAuthority" ADD COLUMN "revocationReason" TEXT;
ALTER TABLE "CertificateAuthority" ADD COLUMN "revokedAt" DATETIME;
ALTER TABLE "CertificateAuthority" ADD COLUMN "serial" TEXT;

-- CreateTable
CREATE TABLE "SignInPolicy" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "requireTotp" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AlertSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "emailEnabled" BOOLEAN NOT NULL DEFAULT false,
    "smtpHost" TEXT NOT NULL DEFAULT '',
    "smtpPort" INTEGER NOT NULL DEFAULT 587,
    "smtpSecure" BOOLEAN NOT NULL DEFAULT false,
    "smtpUser" TEXT NOT NULL DEFAULT '',
    "smtpPasswordSealed" BLOB,
    "fromAddress" TEXT NOT NULL DEFAULT '',
    "adminRecipients" TEXT NOT NULL DEFAULT '[]',
    "webhookEnabled" BOOLEAN NOT NULL DEFAULT false,
    "webhookUrl" TEXT NOT NULL DEFAULT '',
    "webhookSecretSealed" BLOB,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "certificateId" TEXT,
    "step" INTEGER,
    "target" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "details" TEXT NOT NULL DEFAULT '{}',
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "claimedAt" DATETIME,
    "emailSentAt" DATETIME,
    "webhookSentAt" DATETIME,
    "sentAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Alert_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeployTarget" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "secretKeySealed" BLOB,
    "bundleKey" TEXT,
    "revocations" TEXT NOT NULL DEFAULT '[]',
    "pendingAdd" TEXT,
    "lastSuccessAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DeployRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "targetId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "retryOf" TEXT,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "durationMs" INTEGER,
    "journal" TEXT NOT NULL DEFAULT '[]',
    "revocationIdsAdded" TEXT NOT NULL DEFAULT '[]',
    "revocationIdsRemoved" TEXT NOT NULL DEFAULT '[]',
    "entries" INTEGER,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    CONSTRAINT "DeployRun_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "DeployTarget" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AcmCertificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "targetId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "certificateArn" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL,
    CONSTRAINT "AcmCertificate_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "DeployTarget" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeployLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "displayName" TEXT,
    "email" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "uaPasswordHash" TEXT,
    "hostnames" TEXT NOT NULL DEFAULT '[]',
    "searchText" TEXT NOT NULL DEFAULT '',
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Account" ("createdAt", "displayName", "email", "hostnames", "id", "kind", "name", "status", "uaPasswordHash", "updatedAt") SELECT "createdAt", "displayName", "email", "hostnames", "id", "kind", "name", "status", "uaPasswordHash", "updatedAt" FROM "Account";
DROP TABLE "Account";
ALTER TABLE "new_Account" RENAME TO "Account";
CREATE UNIQUE INDEX "Account_name_key" ON "Account"("name");
CREATE INDEX "Account_kind_createdAt_idx" ON "Account"("kind", "createdAt");
CREATE INDEX "Account_createdAt_id_idx" ON "Account"("createdAt", "id");
CREATE INDEX "Account_status_createdAt_id_idx" ON "Account"("status", "createdAt", "id");
CREATE INDEX "Account_status_name_idx" ON "Account"("status", "name");
CREATE TABLE "new_Admin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "totpSecretSealed" BLOB,
    "totpEnabledAt" DATETIME,
    "totpLastStep" INTEGER,
    "totpRequired" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_Admin" ("createdAt", "email", "id", "name", "passwordHash", "role", "status") SELECT "createdAt", "email", "id", "name", "passwordHash", "role", "status" FROM "Admin";
DROP TABLE "Admin";
ALTER TABLE "new_Admin" RENAME TO "Admin";
CREATE UNIQUE INDEX "Admin_email_key" ON "Admin"("email");
CREATE TABLE "new_Group" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "templateId" TEXT,
    "builtIn" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Group_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Group" ("createdAt", "id", "kind", "name", "templateId") SELECT "createdAt", "id", "kind", "name", "templateId" FROM "Group";
DROP TABLE "Group";
ALTER TABLE "new_Group" RENAME TO "Group";
CREATE UNIQUE INDEX "Group_name_key" ON "Group"("name");
CREATE UNIQUE INDEX "Group_builtIn_key" ON "Group"("builtIn");
CREATE TABLE "new_Template" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "usage" TEXT NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '{}',
    "keyAlgorithm" TEXT NOT NULL DEFAULT 'RSA-2048',
    "validityDays" INTEGER NOT NULL DEFAULT 365,
    "builtIn" TEXT,
    "keyUsage" TEXT NOT NULL DEFAULT '[]',
    "extendedKeyUsage" TEXT NOT NULL DEFAULT '[]',
    "sanDnsFromHostnames" BOOLEAN NOT NULL DEFAULT true,
    "sanEmailFromAccount" BOOLEAN NOT NULL DEFAULT true,
    "emailInSubject" BOOLEAN NOT NULL DEFAULT false,
    "maxValidCertificates" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Template" ("createdAt", "id", "keyAlgorithm", "name", "subject", "usage", "validityDays") SELECT "createdAt", "id", "keyAlgorithm", "name", "subject", "usage", "validityDays" FROM "Template";
DROP TABLE "Template";
ALTER TABLE "new_Template" RENAME TO "Template";
CREATE UNIQUE INDEX "Template_name_key" ON "Template"("name");
CREATE UNIQUE INDEX "Template_builtIn_key" ON "Template"("builtIn");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

-- Backfill the search column for accounts created before it existed, as lib/accounts/search-text.ts
-- builds it (LIKE wildcards mapped to U+E025 and U+E05F).
UPDATE "Account" SET "searchText" = replace(replace(lower("name" || ' ' || coalesce("displayName", '') || ' ' || coalesce("email", '') || ' ' || replace(replace(replace(replace("hostnames", '[', ''), ']', ''), '"', ''), ',', ' ')), '%', char(57381)), '_', char(57439));
