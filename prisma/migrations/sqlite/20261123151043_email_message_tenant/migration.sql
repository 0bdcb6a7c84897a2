-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN "tenantId" TEXT;

-- CreateIndex
CREATE INDEX "EmailMessage_tenantId_status_idx" ON "EmailMessage"("tenantId", "status");
