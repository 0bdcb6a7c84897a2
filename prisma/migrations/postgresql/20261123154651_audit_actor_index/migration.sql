-- CreateIndex
CREATE INDEX "AuditEvent_actor_action_idx" ON "AuditEvent"("actor", "action");
