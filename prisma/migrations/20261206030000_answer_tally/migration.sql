-- Answers counted per hour, intent and abstention (and, for abstentions, the passage they came
-- closest to), kept by a trigger in the statement that writes the answer. The team figures and the
-- knowledge gaps read these counts instead of the answer rows: every chat turn writes one, and
-- counting them for a report grew with the traffic (96,000 answers: 130 ms of the embedded
-- database's one thread, with every chat turn waiting behind it). Triggers and functions are
-- beyond Prisma's schema language; the table is in schema.prisma as "AnswerTally".
CREATE TABLE "AnswerTally" (
  "hour" TIMESTAMP(3) NOT NULL,
  "intent" TEXT NOT NULL,
  "isAbstention" BOOLEAN NOT NULL,
  "chunkId" TEXT NOT NULL DEFAULT '',
  "count" INTEGER NOT NULL,
  CONSTRAINT "AnswerTally_pkey" PRIMARY KEY ("hour", "intent", "isAbstention", "chunkId")
);

CREATE FUNCTION "answer_tally_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "AnswerTally" SET "count" = "count" - 1
    WHERE "hour" = date_trunc('hour', OLD."createdAt") AND "intent" = OLD."intent" AND "isAbstention" = OLD."isAbstention"
      AND "chunkId" = CASE WHEN OLD."isAbstention" THEN coalesce(OLD."chunkIds"[1], '') ELSE '' END;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO "AnswerTally" ("hour", "intent", "isAbstention", "chunkId", "count")
    VALUES (date_trunc('hour', NEW."createdAt"), NEW."intent", NEW."isAbstention", CASE WHEN NEW."isAbstention" THEN coalesce(NEW."chunkIds"[1], '') ELSE '' END, 1)
    ON CONFLICT ("hour", "intent", "isAbstention", "chunkId") DO UPDATE SET "count" = "AnswerTally"."count" + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Answer_tally" AFTER INSERT OR DELETE OR UPDATE OF "createdAt", "intent", "isAbstention", "chunkIds" ON "Answer"
  FOR EACH ROW EXECUTE FUNCTION "answer_tally_change"();

INSERT INTO "AnswerTally" ("hour", "intent", "isAbstention", "chunkId", "count")
SELECT date_trunc('hour', "createdAt"), "intent", "isAbstention", CASE WHEN "isAbstention" THEN coalesce("chunkIds"[1], '') ELSE '' END, count(*)
FROM "Answer" GROUP BY 1, 2, 3, 4;

-- The passage an abstention came closest to ('' for none), as a column of its own: the newest
-- examples of each gap are read from an index on it (the planner did not use an index on the
-- expression for the lookup), and the rows of a period's partial first and last hour by time.
ALTER TABLE "Answer" ADD COLUMN "gapChunkId" TEXT GENERATED ALWAYS AS (coalesce("chunkIds"[1], '')) STORED;
CREATE INDEX "Answer_gap_examples_idx" ON "Answer" ("intent", "gapChunkId", "createdAt") WHERE "isAbstention";
CREATE INDEX "Answer_abstention_createdAt_idx" ON "Answer" ("createdAt") WHERE "isAbstention";
