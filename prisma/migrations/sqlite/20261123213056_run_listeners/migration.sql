-- CreateTable
CREATE TABLE "RunListener" (
    "workflowId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL,

    PRIMARY KEY ("workflowId", "eventType")
);

-- CreateIndex
CREATE INDEX "RunListener_subjectId_eventType_idx" ON "RunListener"("subjectId", "eventType");
