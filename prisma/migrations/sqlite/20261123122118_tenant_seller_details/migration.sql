-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN "addressLine1" TEXT;
ALTER TABLE "Tenant" ADD COLUMN "addressLine2" TEXT;
ALTER TABLE "Tenant" ADD COLUMN "bankName" TEXT;
ALTER TABLE "Tenant" ADD COLUMN "bic" TEXT;
ALTER TABLE "Tenant" ADD COLUMN "city" TEXT;
ALTER TABLE "Tenant" ADD COLUMN "country" TEXT;
ALTER TABLE "Tenant" ADD COLUMN "iban" TEXT;
ALTER TABLE "Tenant" ADD COLUMN "postalCode" TEXT;
ALTER TABLE "Tenant" ADD COLUMN "registration" TEXT;
ALTER TABLE "Tenant" ADD COLUMN "vatId" TEXT;
