-- AlterTable
ALTER TABLE "DomainEvent" ADD COLUMN     "nextAttemptAt" TIMESTAMP(3);
