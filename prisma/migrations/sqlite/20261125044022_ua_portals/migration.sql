-- CreateTable
CREATE TABLE "EnrollmentAuthority" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EnrollmentAuthority_caId_fkey" FOREIGN KEY ("caId") REFERENCES "CertificateAuthority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "uaId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "firstDeliveredAt" DATETIME,
    "windowEndsAt" DATETIME,
    "lockedAt" DATETIME,
    "count" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Delivery_uaId_fkey" FOREIGN KEY ("uaId") REFERENCES "EnrollmentAuthority" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Delivery_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Delivery_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UaSignInState" (
    "uaId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,

    PRIMARY KEY ("uaId", "accountId"),
    CONSTRAINT "UaSignInState_uaId_fkey" FOREIGN KEY ("uaId") REFERENCES "EnrollmentAuthority" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UaSignInState_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "EnrollmentAuthority_name_key" ON "EnrollmentAuthority"("name");

-- CreateIndex
CREATE INDEX "Delivery_accountId_idx" ON "Delivery"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_uaId_certificateId_key" ON "Delivery"("uaId", "certificateId");
