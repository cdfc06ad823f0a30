-- CreateTable
CREATE TABLE "DockAccount" (
    "adminId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DockAccount_pkey" PRIMARY KEY ("adminId","accountId")
);

-- CreateTable
CREATE TABLE "DockCertificate" (
    "adminId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DockCertificate_pkey" PRIMARY KEY ("adminId","certificateId")
);

-- CreateIndex
CREATE INDEX "DockAccount_adminId_createdAt_idx" ON "DockAccount"("adminId", "createdAt");

-- CreateIndex
CREATE INDEX "DockAccount_accountId_idx" ON "DockAccount"("accountId");

-- CreateIndex
CREATE INDEX "DockCertificate_adminId_createdAt_idx" ON "DockCertificate"("adminId", "createdAt");

-- CreateIndex
CREATE INDEX "DockCertificate_certificateId_idx" ON "DockCertificate"("certificateId");

-- AddForeignKey
ALTER TABLE "DockAccount" ADD CONSTRAINT "DockAccount_adminId_fkey" FOREIGN KEY ("adminId") REFERENCES "Admin"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DockAccount" ADD CONSTRAINT "DockAccount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DockCertificate" ADD CONSTRAINT "DockCertificate_adminId_fkey" FOREIGN KEY ("adminId") REFERENCES "Admin"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DockCertificate" ADD CONSTRAINT "DockCertificate_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE CASCADE ON UPDATE CASCADE;
