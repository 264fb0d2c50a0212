-- Advisor tokens with a lifecycle: a recognisable prefix, a label, an expiry.
ALTER TABLE "AdvisorToken" ADD COLUMN "prefix" TEXT;
ALTER TABLE "AdvisorToken" ADD COLUMN "label" TEXT;
ALTER TABLE "AdvisorToken" ADD COLUMN "expiresAt" TIMESTAMP(3);

-- Tokens issued before expiry existed get the default lifetime of 90 days from their creation,
-- but at least 14 days from now, so that nobody is locked out by the upgrade itself.
UPDATE "AdvisorToken" SET "expiresAt" = GREATEST("createdAt" + INTERVAL '90 days', CURRENT_TIMESTAMP + INTERVAL '14 days') WHERE "expiresAt" IS NULL;
