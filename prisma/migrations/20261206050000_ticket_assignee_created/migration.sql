-- Round-robin assignment reads each advisor's latest ticket: from this index instead of every
-- ticket the advisor ever had.
CREATE INDEX "Ticket_assigneeId_createdAt_idx" ON "Ticket"("assigneeId", "createdAt");
