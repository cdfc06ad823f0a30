-- CreateTable
CREATE TABLE "CertificateCount" (
    "status" TEXT NOT NULL,
    "expiryDay" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("status", "expiryDay")
);

-- Below: what prisma/schema.prisma cannot express (the drift check ignores triggers and
-- virtual tables; tests/db/derived-tables.test.ts checks that they exist). A later migration
-- that redefines "Certificate" (Prisma's RedefineTables: copy, DROP, rename) drops these
-- triggers with the old table: recreate them there, then backfill (lib/ca/counts.ts).

-- Counts per (status, day of notAfter), kept by the writes themselves (lib/ca/dashboard.ts).
-- unixepoch() reads the ISO 8601 text Prisma stores; integer division is the UTC day.
CREATE TRIGGER "Certificate_count_insert" AFTER INSERT ON "Certificate" BEGIN
  INSERT INTO "CertificateCount" ("status", "expiryDay", "count") VALUES (NEW."status", unixepoch(NEW."notAfter") / 86400, 1)
    ON CONFLICT ("status", "expiryDay") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "Certificate_count_delete" AFTER DELETE ON "Certificate" BEGIN
  UPDATE "CertificateCount" SET "count" = "count" - 1 WHERE "status" = OLD."status" AND "expiryDay" = unixepoch(OLD."notAfter") / 86400;
END;

CREATE TRIGGER "Certificate_count_update" AFTER UPDATE OF "status", "notAfter" ON "Certificate"
  WHEN OLD."status" IS NOT NEW."status" OR OLD."notAfter" IS NOT NEW."notAfter" BEGIN
  UPDATE "CertificateCount" SET "count" = "count" - 1 WHERE "status" = OLD."status" AND "expiryDay" = unixepoch(OLD."notAfter") / 86400;
  INSERT INTO "CertificateCount" ("status", "expiryDay", "count") VALUES (NEW."status", unixepoch(NEW."notAfter") / 86400, 1)
    ON CONFLICT ("status", "expiryDay") DO UPDATE SET "count" = "count" + 1;
END;

INSERT INTO "CertificateCount" ("status", "expiryDay", "count")
  SELECT "status", unixepoch("notAfter") / 86400, COUNT(*) FROM "Certificate" GROUP BY 1, 2;

-- Free-text certificate search (lib/ca/text-search.ts): a trigram index of each certificate's
-- subject and its account's name (account names never change; the trigger below follows one
-- anyway). It only narrows the rows: the search still applies its LIKE to them.
-- Certificates are never deleted and subjects never change, so the delete and update
-- triggers (a scan of this table each, by certificateId) run only in tests and repairs.
CREATE VIRTUAL TABLE "CertificateText" USING fts5("certificateId" UNINDEXED, "subject", "accountName", tokenize = 'trigram');

CREATE TRIGGER "Certificate_text_insert" AFTER INSERT ON "Certificate" BEGIN
  INSERT INTO "CertificateText" ("certificateId", "subject", "accountName")
    VALUES (NEW."id", NEW."subject", (SELECT "name" FROM "Account" WHERE "id" = NEW."accountId"));
END;

CREATE TRIGGER "Certificate_text_delete" AFTER DELETE ON "Certificate" BEGIN
  DELETE FROM "CertificateText" WHERE "certificateId" = OLD."id";
END;

CREATE TRIGGER "Certificate_text_update" AFTER UPDATE OF "id", "subject", "accountId" ON "Certificate" BEGIN
  DELETE FROM "CertificateText" WHERE "certificateId" = OLD."id";
  INSERT INTO "CertificateText" ("certificateId", "subject", "accountName")
    VALUES (NEW."id", NEW."subject", (SELECT "name" FROM "Account" WHERE "id" = NEW."accountId"));
END;

CREATE TRIGGER "Account_text_rename" AFTER UPDATE OF "name" ON "Account" WHEN OLD."name" IS NOT NEW."name" BEGIN
  UPDATE "CertificateText" SET "accountName" = NEW."name" WHERE "certificateId" IN (SELECT "id" FROM "Certificate" WHERE "accountId" = NEW."id");
END;

INSERT INTO "CertificateText" ("certificateId", "subject", "accountName")
  SELECT c."id", c."subject", a."name" FROM "Certificate" c JOIN "Account" a ON a."id" = c."accountId";
