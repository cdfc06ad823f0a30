-- CreateTable
CREATE TABLE "UaApplicationGroup" (
    "uaId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,

    PRIMARY KEY ("uaId", "groupId"),
    CONSTRAINT "UaApplicationGroup_uaId_fkey" FOREIGN KEY ("uaId") REFERENCES "EnrollmentAuthority" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UaApplicationGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "uaId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "pendingUserId" TEXT,
    "displayName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "uaPasswordHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "ip" TEXT,
    "userAgent" TEXT,
    "decidedAt" DATETIME,
    "decidedBy" TEXT,
    "rejectReason" TEXT,
    "accountId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Application_uaId_fkey" FOREIGN KEY ("uaId") REFERENCES "EnrollmentAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EnrollmentAuthority" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "caId" TEXT NOT NULL,
    "importToStore" BOOLEAN NOT NULL DEFAULT true,
    "certificateStore" TEXT NOT NULL DEFAULT 'USER',
    "importOnce" BOOLEAN NOT NULL DEFAULT false,
    "downloadAllowed" BOOLEAN NOT NULL DEFAULT true,
    "downloadWindowMinutes" INTEGER NOT NULL DEFAULT 0,
    "iphoneUa" BOOLEAN NOT NULL DEFAULT false,
    "iphoneLayout" BOOLEAN NOT NULL DEFAULT false,
    "protectWithLoginPassword" BOOLEAN NOT NULL DEFAULT false,
    "profileName" TEXT NOT NULL DEFAULT 'Inkan',
    "profileIdentifier" TEXT NOT NULL DEFAULT 'dev.inkan.profile',
    "profileOrganization" TEXT NOT NULL DEFAULT '',
    "profileDescription" TEXT NOT NULL DEFAULT '',
    "androidDownload" BOOLEAN NOT NULL DEFAULT true,
    "macDownload" BOOLEAN NOT NULL DEFAULT true,
    "selfEnroll" BOOLEAN NOT NULL DEFAULT false,
    "pkcs12Encryption" TEXT NOT NULL DEFAULT 'legacy',
    "lockThreshold" INTEGER NOT NULL DEFAULT 5,
    "lockMinutes" INTEGER NOT NULL DEFAULT 15,
    "acceptApplications" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EnrollmentAuthority_caId_fkey" FOREIGN KEY ("caId") REFERENCES "CertificateAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_EnrollmentAuthority" ("androidDownload", "caId", "certificateStore", "createdAt", "downloadAllowed", "downloadWindowMinutes", "id", "importOnce", "importToStore", "iphoneLayout", "iphoneUa", "lockMinutes", "lockThreshold", "macDownload", "name", "pkcs12Encryption", "profileDescription", "profileIdentifier", "profileName", "profileOrganization", "protectWithLoginPassword", "selfEnroll", "updatedAt") SELECT "androidDownload", "caId", "certificateStore", "createdAt", "downloadAllowed", "downloadWindowMinutes", "id", "importOnce", "importToStore", "iphoneLayout", "iphoneUa", "lockMinutes", "lockThreshold", "macDownload", "name", "pkcs12Encryption", "profileDescription", "profileIdentifier", "profileName", "profileOrganization", "protectWithLoginPassword", "selfEnroll", "updatedAt" FROM "EnrollmentAuthority";
DROP TABLE "EnrollmentAuthority";
ALTER TABLE "new_EnrollmentAuthority" RENAME TO "EnrollmentAuthority";
CREATE UNIQUE INDEX "EnrollmentAuthority_name_key" ON "EnrollmentAuthority"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "UaApplicationGroup_groupId_idx" ON "UaApplicationGroup"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_pendingUserId_key" ON "Application"("pendingUserId");

-- CreateIndex
CREATE INDEX "Application_status_createdAt_id_idx" ON "Application"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Application_createdAt_id_idx" ON "Application"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Application_uaId_idx" ON "Application"("uaId");
