-- German full-text search of the advisors' queue (tickets/list-tickets.ts). Expression indexes are
-- beyond Prisma's schema language, so they live here only; the expressions must match the queries.
CREATE INDEX "Ticket_subject_search_idx" ON "Ticket" USING GIN (to_tsvector('german', "subject"));
CREATE INDEX "Message_text_search_idx" ON "Message" USING GIN (to_tsvector('german', "text"));
-- Keyset paging by last activity and due date.
CREATE INDEX "Ticket_updatedAt_id_idx" ON "Ticket" ("updatedAt", "id");
CREATE INDEX "Ticket_createdAt_id_idx" ON "Ticket" ("createdAt", "id");
