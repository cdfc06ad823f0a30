-- AlterTable
ALTER TABLE "EnrollmentAuthority" ADD COLUMN     "acceptApplications" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "UaApplicationGroup" (
    "uaId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,

    CONSTRAINT "UaApplicationGroup_pkey" PRIMARY KEY ("uaId","groupId")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
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
    "decidedAt" TIMESTAMP(3),
    "decidedBy" TEXT,
    "rejectReason" TEXT,
    "accountId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "UaApplicationGroup" ADD CONSTRAINT "UaApplicationGroup_uaId_fkey" FOREIGN KEY ("uaId") REFERENCES "EnrollmentAuthority"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UaApplicationGroup" ADD CONSTRAINT "UaApplicationGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_uaId_fkey" FOREIGN KEY ("uaId") REFERENCES "EnrollmentAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
