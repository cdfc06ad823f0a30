-- DropIndex
DROP INDEX "Certificate_createdAt_idx";

-- DropIndex
DROP INDEX "Certificate_notAfter_idx";

-- DropIndex
DROP INDEX "Certificate_status_notAfter_idx";

-- CreateIndex
CREATE INDEX "Certificate_createdAt_id_idx" ON "Certificate"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Certificate_notAfter_id_idx" ON "Certificate"("notAfter", "id");

-- CreateIndex
CREATE INDEX "Certificate_status_createdAt_id_idx" ON "Certificate"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Certificate_status_notAfter_id_idx" ON "Certificate"("status", "notAfter", "id");

-- CreateIndex
CREATE INDEX "Certificate_caId_createdAt_id_idx" ON "Certificate"("caId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Certificate_templateId_createdAt_id_idx" ON "Certificate"("templateId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Certificate_serial_idx" ON "Certificate"("serial");
