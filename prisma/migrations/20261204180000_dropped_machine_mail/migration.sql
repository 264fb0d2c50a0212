-- Machine mail that was dropped is recorded with why (countable for admins), not only deduplicated.
ALTER TABLE "ProcessedInboundMessage" ADD COLUMN "droppedReason" TEXT;
ALTER TABLE "ProcessedInboundMessage" ADD COLUMN "signals" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "ProcessedInboundMessage_droppedReason_createdAt_idx" ON "ProcessedInboundMessage"("droppedReason", "createdAt");
