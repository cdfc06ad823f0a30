-- CreateTable
CREATE TABLE "DockAccount" (
    "adminId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("adminId", "accountId"),
    CONSTRAINT "DockAccount_adminId_fkey" FOREIGN KEY ("adminId") REFERENCES "Admin" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DockAccount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DockCertificate" (
    "adminId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("adminId", "certificateId"),
    CONSTRAINT "DockCertificate_adminId_fkey" FOREIGN KEY ("adminId") REFERENCES "Admin" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DockCertificate_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DockAccount_adminId_createdAt_idx" ON "DockAccount"("adminId", "createdAt");

-- CreateIndex
CREATE INDEX "DockAccount_accountId_idx" ON "DockAccount"("accountId");

-- CreateIndex
CREATE INDEX "DockCertificate_adminId_createdAt_idx" ON "DockCertificate"("adminId", "createdAt");

-- CreateIndex
CREATE INDEX "DockCertificate_certificateId_idx" ON "DockCertificate"("certificateId");
