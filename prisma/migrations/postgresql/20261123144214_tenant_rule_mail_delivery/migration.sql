-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "ruleMailDelivery" TEXT NOT NULL DEFAULT 'send';
