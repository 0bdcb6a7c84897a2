-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN "dunningStop" TEXT;
ALTER TABLE "Invoice" ADD COLUMN "recurringId" TEXT;

-- CreateTable
CREATE TABLE "DomainEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "dispatchedAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BankImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "template" TEXT,
    "statementDate" TEXT,
    "lines" INTEGER NOT NULL,
    "summary" JSONB NOT NULL,
    "importedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BankTransaction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "bankRef" TEXT NOT NULL,
    "bookingDate" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "payerName" TEXT,
    "payerIban" TEXT,
    "reference" TEXT,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "customerId" TEXT,
    "creditMinor" BIGINT NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BankTransaction_importId_fkey" FOREIGN KEY ("importId") REFERENCES "BankImport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CustomerBankAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "iban" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CustomerBankAccount_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CustomerCredit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "transactionId" TEXT,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "reversedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CustomerCredit_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DunningRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "branchId" TEXT,
    "customerId" TEXT,
    "level" INTEGER,
    "runDate" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "delivery" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "workflowId" TEXT,
    "warning" TEXT,
    "summary" JSONB NOT NULL,
    "startedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "part" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "runId" TEXT,
    "sentOn" TEXT NOT NULL,
    "feeMinor" BIGINT NOT NULL DEFAULT 0,
    "interestMinor" BIGINT NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL,
    "documentKey" TEXT,
    "emailKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Reminder_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Reminder_runId_fkey" FOREIGN KEY ("runId") REFERENCES "DunningRun" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecurringInvoice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "opportunityId" TEXT,
    "templateInvoiceId" TEXT,
    "everyMonths" INTEGER NOT NULL DEFAULT 1,
    "dayOfMonth" INTEGER NOT NULL,
    "at" TEXT NOT NULL DEFAULT '09:00',
    "startDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "scheduleId" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "issuedCount" INTEGER NOT NULL DEFAULT 0,
    "lastPeriod" TEXT,
    "stoppedAt" DATETIME,
    "stoppedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecurringInvoice_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Customer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "language" TEXT NOT NULL DEFAULT 'en',
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "vatId" TEXT,
    "addressLine1" TEXT,
    "addressLine2" TEXT,
    "postalCode" TEXT,
    "city" TEXT,
    "country" TEXT,
    "isBusiness" BOOLEAN NOT NULL DEFAULT true,
    "creditLimitMinor" BIGINT,
    "paymentTermDays" INTEGER NOT NULL DEFAULT 14,
    "dunningDays1" INTEGER,
    "dunningDays2" INTEGER,
    "dunningDays3" INTEGER,
    "dispatchMode" TEXT NOT NULL DEFAULT 'auto',
    "dunningStop" TEXT,
    "serviceStatus" TEXT NOT NULL DEFAULT 'active',
    "suspendedAt" DATETIME,
    "customFields" JSONB,
    "branchId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Customer_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Customer_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Customer" ("addressLine1", "addressLine2", "branchId", "city", "country", "createdAt", "creditLimitMinor", "currency", "dispatchMode", "dunningDays1", "dunningDays2", "dunningDays3", "email", "id", "isBusiness", "language", "name", "paymentTermDays", "postalCode", "tenantId", "updatedAt", "vatId") SELECT "addressLine1", "addressLine2", "branchId", "city", "country", "createdAt", "creditLimitMinor", "currency", "dispatchMode", "dunningDays1", "dunningDays2", "dunningDays3", "email", "id", "isBusiness", "language", "name", "paymentTermDays", "postalCode", "tenantId", "updatedAt", "vatId" FROM "Customer";
DROP TABLE "Customer";
ALTER TABLE "new_Customer" RENAME TO "Customer";
CREATE INDEX "Customer_tenantId_idx" ON "Customer"("tenantId");
CREATE INDEX "Customer_branchId_idx" ON "Customer"("branchId");
CREATE TABLE "new_Payment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "invoiceId" TEXT,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "paidOn" TEXT NOT NULL,
    "reference" TEXT,
    "part" TEXT,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "transactionId" TEXT,
    "reversedAt" DATETIME,
    "reversedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Payment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Payment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE NO ACTION ON UPDATE CASCADE,
    CONSTRAINT "Payment_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE NO ACTION ON UPDATE CASCADE,
    CONSTRAINT "Payment_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "BankTransaction" ("id") ON DELETE NO ACTION ON UPDATE CASCADE
);
INSERT INTO "new_Payment" ("amountMinor", "createdAt", "currency", "customerId", "id", "invoiceId", "paidOn", "reference", "tenantId") SELECT "amountMinor", "createdAt", "currency", "customerId", "id", "invoiceId", "paidOn", "reference", "tenantId" FROM "Payment";
DROP TABLE "Payment";
ALTER TABLE "new_Payment" RENAME TO "Payment";
CREATE INDEX "Payment_tenantId_customerId_idx" ON "Payment"("tenantId", "customerId");
CREATE INDEX "Payment_invoiceId_idx" ON "Payment"("invoiceId");
CREATE INDEX "Payment_transactionId_idx" ON "Payment"("transactionId");
CREATE TABLE "new_Tenant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "ownerEmail" TEXT,
    "addressLine1" TEXT,
    "addressLine2" TEXT,
    "postalCode" TEXT,
    "city" TEXT,
    "country" TEXT,
    "vatId" TEXT,
    "registration" TEXT,
    "iban" TEXT,
    "bic" TEXT,
    "bankName" TEXT,
    "reminderDelivery" TEXT NOT NULL DEFAULT 'send',
    "reminderFee2Minor" BIGINT,
    "reminderFee3Minor" BIGINT,
    "germanFlatFee" BOOLEAN NOT NULL DEFAULT false,
    "chargeInterest" BOOLEAN NOT NULL DEFAULT false,
    "paymentOrder" TEXT NOT NULL DEFAULT 'costs-interest-principal',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Tenant" ("addressLine1", "addressLine2", "bankName", "bic", "city", "country", "createdAt", "iban", "id", "name", "ownerEmail", "postalCode", "registration", "slug", "timeZone", "vatId") SELECT "addressLine1", "addressLine2", "bankName", "bic", "city", "country", "createdAt", "iban", "id", "name", "ownerEmail", "postalCode", "registration", "slug", "timeZone", "vatId" FROM "Tenant";
DROP TABLE "Tenant";
ALTER TABLE "new_Tenant" RENAME TO "Tenant";
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "DomainEvent_eventId_key" ON "DomainEvent"("eventId");

-- CreateIndex
CREATE INDEX "DomainEvent_dispatchedAt_createdAt_idx" ON "DomainEvent"("dispatchedAt", "createdAt");

-- CreateIndex
CREATE INDEX "DomainEvent_tenantId_type_idx" ON "DomainEvent"("tenantId", "type");

-- CreateIndex
CREATE INDEX "BankImport_tenantId_statementDate_idx" ON "BankImport"("tenantId", "statementDate");

-- CreateIndex
CREATE UNIQUE INDEX "BankImport_tenantId_sha256_key" ON "BankImport"("tenantId", "sha256");

-- CreateIndex
CREATE INDEX "BankTransaction_importId_idx" ON "BankTransaction"("importId");

-- CreateIndex
CREATE INDEX "BankTransaction_tenantId_outcome_idx" ON "BankTransaction"("tenantId", "outcome");

-- CreateIndex
CREATE UNIQUE INDEX "BankTransaction_tenantId_bankRef_key" ON "BankTransaction"("tenantId", "bankRef");

-- CreateIndex
CREATE INDEX "CustomerBankAccount_iban_idx" ON "CustomerBankAccount"("iban");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerBankAccount_customerId_iban_key" ON "CustomerBankAccount"("customerId", "iban");

-- CreateIndex
CREATE INDEX "CustomerCredit_customerId_idx" ON "CustomerCredit"("customerId");

-- CreateIndex
CREATE INDEX "DunningRun_tenantId_createdAt_idx" ON "DunningRun"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Reminder_tenantId_createdAt_idx" ON "Reminder"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_invoiceId_part_level_key" ON "Reminder"("invoiceId", "part", "level");

-- CreateIndex
CREATE UNIQUE INDEX "RecurringInvoice_scheduleId_key" ON "RecurringInvoice"("scheduleId");

-- CreateIndex
CREATE INDEX "RecurringInvoice_tenantId_status_idx" ON "RecurringInvoice"("tenantId", "status");
