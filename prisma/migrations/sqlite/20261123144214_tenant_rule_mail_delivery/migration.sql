-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "ruleMailDelivery" TEXT NOT NULL DEFAULT 'send',
    "reminderFee2Minor" BIGINT,
    "reminderFee3Minor" BIGINT,
    "germanFlatFee" BOOLEAN NOT NULL DEFAULT false,
    "chargeInterest" BOOLEAN NOT NULL DEFAULT false,
    "paymentOrder" TEXT NOT NULL DEFAULT 'costs-interest-principal',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Tenant" ("addressLine1", "addressLine2", "bankName", "bic", "chargeInterest", "city", "country", "createdAt", "germanFlatFee", "iban", "id", "name", "ownerEmail", "paymentOrder", "postalCode", "registration", "reminderDelivery", "reminderFee2Minor", "reminderFee3Minor", "slug", "timeZone", "vatId") SELECT "addressLine1", "addressLine2", "bankName", "bic", "chargeInterest", "city", "country", "createdAt", "germanFlatFee", "iban", "id", "name", "ownerEmail", "paymentOrder", "postalCode", "registration", "reminderDelivery", "reminderFee2Minor", "reminderFee3Minor", "slug", "timeZone", "vatId" FROM "Tenant";
DROP TABLE "Tenant";
ALTER TABLE "new_Tenant" RENAME TO "Tenant";
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
