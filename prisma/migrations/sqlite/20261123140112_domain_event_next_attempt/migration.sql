-- AlterTable
ALTER TABLE "DomainEvent" ADD COLUMN "nextAttemptAt" DATETIME;
