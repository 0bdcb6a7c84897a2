-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "customFields" JSONB,
ADD COLUMN     "dunningStop" TEXT,
ADD COLUMN     "serviceStatus" TEXT NOT NULL DEFAULT 'active',
ADD COLUMN     "suspendedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "dunningStop" TEXT,
ADD COLUMN     "recurringId" TEXT;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "part" TEXT,
ADD COLUMN     "reversedAt" TIMESTAMP(3),
ADD COLUMN     "reversedBy" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'manual',
ADD COLUMN     "transactionId" TEXT;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "chargeInterest" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "germanFlatFee" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "paymentOrder" TEXT NOT NULL DEFAULT 'costs-interest-principal',
ADD COLUMN     "reminderDelivery" TEXT NOT NULL DEFAULT 'send',
ADD COLUMN     "reminderFee2Minor" BIGINT,
ADD COLUMN     "reminderFee3Minor" BIGINT;

-- CreateTable
CREATE TABLE "DomainEvent" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "dispatchedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DomainEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankImport" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "template" TEXT,
    "statementDate" TEXT,
    "lines" INTEGER NOT NULL,
    "summary" JSONB NOT NULL,
    "importedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankTransaction" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerBankAccount" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "iban" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerBankAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerCredit" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "transactionId" TEXT,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "reversedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerCredit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DunningRun" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "DunningRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecurringInvoice" (
    "id" TEXT NOT NULL,
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
    "stoppedAt" TIMESTAMP(3),
    "stoppedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecurringInvoice_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Payment_transactionId_idx" ON "Payment"("transactionId");

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "BankTransaction"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankTransaction" ADD CONSTRAINT "BankTransaction_importId_fkey" FOREIGN KEY ("importId") REFERENCES "BankImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerBankAccount" ADD CONSTRAINT "CustomerBankAccount_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerCredit" ADD CONSTRAINT "CustomerCredit_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_runId_fkey" FOREIGN KEY ("runId") REFERENCES "DunningRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecurringInvoice" ADD CONSTRAINT "RecurringInvoice_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
