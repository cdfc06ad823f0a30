-- Free-text audit search (lib/audit/text-search.ts): trigram indexes on the five columns the
-- auditor's free text reads, which LIKE '%…%' uses (one bitmap scan per column, OR-ed).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "AuditEvent_details_trgm_idx" ON "AuditEvent" USING gin ("details" gin_trgm_ops);
CREATE INDEX "AuditEvent_actor_trgm_idx" ON "AuditEvent" USING gin ("actor" gin_trgm_ops);
CREATE INDEX "AuditEvent_targetId_trgm_idx" ON "AuditEvent" USING gin ("targetId" gin_trgm_ops);
CREATE INDEX "AuditEvent_action_trgm_idx" ON "AuditEvent" USING gin ("action" gin_trgm_ops);
CREATE INDEX "AuditEvent_userAgent_trgm_idx" ON "AuditEvent" USING gin ("userAgent" gin_trgm_ops);
