-- Data protection: anonymised records keep their codes and times; a legal hold keeps a ticket as it is.
ALTER TABLE "Ticket" ADD COLUMN "anonymizedAt" TIMESTAMP(3);
ALTER TABLE "Ticket" ADD COLUMN "legalHold" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Conversation" ADD COLUMN "anonymizedAt" TIMESTAMP(3);
CREATE INDEX "Ticket_status_closedAt_idx" ON "Ticket"("status", "closedAt");
