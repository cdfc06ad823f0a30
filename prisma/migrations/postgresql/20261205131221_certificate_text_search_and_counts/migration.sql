-- CreateTable
CREATE TABLE "CertificateCount" (
    "status" TEXT NOT NULL,
    "expiryDay" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "CertificateCount_pkey" PRIMARY KEY ("status","expiryDay")
);

-- Below: what prisma/schema.prisma cannot express (the drift check ignores triggers and
-- functions; tests/db/derived-tables.test.ts checks that they exist).

-- Counts per (status, day of notAfter), kept by the writes themselves (lib/ca/dashboard.ts).
-- Statement-level triggers: a bulk insert or update adds its rows grouped, in (status, day)
-- order so that concurrent writers lock the counter rows in the same order.
CREATE FUNCTION "Certificate_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "CertificateCount" ("status", "expiryDay", "count")
      SELECT "status", floor(extract(epoch FROM "notAfter") / 86400)::int AS day, COUNT(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT ("status", "expiryDay") DO UPDATE SET "count" = "CertificateCount"."count" + EXCLUDED."count";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "CertificateCount" ("status", "expiryDay", "count")
      SELECT "status", floor(extract(epoch FROM "notAfter") / 86400)::int AS day, -COUNT(*) FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT ("status", "expiryDay") DO UPDATE SET "count" = "CertificateCount"."count" + EXCLUDED."count";
  ELSE
    INSERT INTO "CertificateCount" ("status", "expiryDay", "count")
      SELECT "status", day, SUM(delta) FROM (
        SELECT o."status", floor(extract(epoch FROM o."notAfter") / 86400)::int AS day, -1 AS delta
          FROM old_rows o JOIN new_rows n ON n."id" = o."id"
          WHERE o."status" IS DISTINCT FROM n."status" OR o."notAfter" IS DISTINCT FROM n."notAfter"
        UNION ALL
        SELECT n."status", floor(extract(epoch FROM n."notAfter") / 86400)::int, 1
          FROM old_rows o JOIN new_rows n ON n."id" = o."id"
          WHERE o."status" IS DISTINCT FROM n."status" OR o."notAfter" IS DISTINCT FROM n."notAfter"
      ) AS changes GROUP BY 1, 2 HAVING SUM(delta) <> 0 ORDER BY 1, 2
      ON CONFLICT ("status", "expiryDay") DO UPDATE SET "count" = "CertificateCount"."count" + EXCLUDED."count";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Certificate_count_insert" AFTER INSERT ON "Certificate" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "Certificate_count"();
CREATE TRIGGER "Certificate_count_delete" AFTER DELETE ON "Certificate" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "Certificate_count"();
CREATE TRIGGER "Certificate_count_update" AFTER UPDATE ON "Certificate" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "Certificate_count"();

INSERT INTO "CertificateCount" ("status", "expiryDay", "count")
  SELECT "status", floor(extract(epoch FROM "notAfter") / 86400)::int, COUNT(*) FROM "Certificate" GROUP BY 1, 2;

-- Free-text certificate search (lib/ca/text-search.ts): trigram indexes on the subject and the
-- account name, which ILIKE '%…%' uses (pg_trgm ships with Debian's postgresql-15 package).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Certificate_subject_trgm_idx" ON "Certificate" USING gin ("subject" gin_trgm_ops);
CREATE INDEX "Account_name_trgm_idx" ON "Account" USING gin ("name" gin_trgm_ops);
