-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "ownerEmail" TEXT;
