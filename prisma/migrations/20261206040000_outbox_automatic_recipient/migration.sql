-- The daily cap on automatic mails per address (tickets/count-automatic-mails-since.ts) counts an
-- address's acknowledgements of the day: indexed by recipient, it reads those rows only instead of
-- every outbox row of the day. Expression and partial indexes are beyond Prisma's schema language.
CREATE INDEX "OutboxMessage_automatic_recipient_idx" ON "OutboxMessage" (("target"->>'to'), "createdAt")
  WHERE "kind" = 'email' AND ("payload"->>'isAutomatic') = 'true';
