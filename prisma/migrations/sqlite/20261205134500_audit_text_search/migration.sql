-- Free-text audit search (lib/audit/text-search.ts): a trigram index of the five columns the
-- auditor's free text reads (details, actor, targetId, action, userAgent), keyed by seq as the
-- FTS5 rowid. Contentless (the text stays in "AuditEvent" only), with contentless_delete so
-- that the delete and update triggers can follow a row that is removed or altered: events are
-- never changed by Inkan, but the index must not hide a tampered row from the auditor.
-- It only narrows the rows: the search still applies its LIKE to them. The drift check
-- ignores the virtual table and its shadow tables (schemaFilters in lib/db/schema-engine.ts).
CREATE VIRTUAL TABLE "AuditText" USING fts5("details", "actor", "targetId", "action", "userAgent", tokenize = 'trigram', content = '', contentless_delete = 1);

CREATE TRIGGER "AuditEvent_text_insert" AFTER INSERT ON "AuditEvent" BEGIN
  INSERT INTO "AuditText" (rowid, "details", "actor", "targetId", "action", "userAgent")
    VALUES (NEW."seq", NEW."details", NEW."actor", NEW."targetId", NEW."action", NEW."userAgent");
END;

CREATE TRIGGER "AuditEvent_text_delete" AFTER DELETE ON "AuditEvent" BEGIN
  DELETE FROM "AuditText" WHERE rowid = OLD."seq";
END;

CREATE TRIGGER "AuditEvent_text_update" AFTER UPDATE ON "AuditEvent" BEGIN
  DELETE FROM "AuditText" WHERE rowid = OLD."seq";
  INSERT INTO "AuditText" (rowid, "details", "actor", "targetId", "action", "userAgent")
    VALUES (NEW."seq", NEW."details", NEW."actor", NEW."targetId", NEW."action", NEW."userAgent");
END;

INSERT INTO "AuditText" (rowid, "details", "actor", "targetId", "action", "userAgent")
  SELECT "seq", "details", "actor", "targetId", "action", "userAgent" FROM "AuditEvent";
