-- Proven identities: verified chat addresses, one-time codes, and whether a ticket's address was proven.
ALTER TABLE "Ticket" ADD COLUMN "requesterEmailVerified" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Conversation" ADD COLUMN "verifiedEmail" TEXT;
ALTER TABLE "Conversation" ADD COLUMN "verifiedAt" TIMESTAMP(3);
ALTER TABLE "Conversation" ADD COLUMN "repliesSeenAt" TIMESTAMP(3);

-- Tickets that came by mail or Teams were sent from the address they carry.
UPDATE "Ticket" SET "requesterEmailVerified" = true WHERE "channel" IN ('email', 'teams');

-- CreateTable
CREATE TABLE "ChatVerification" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatVerification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChatVerification_conversationId_createdAt_idx" ON "ChatVerification"("conversationId", "createdAt");

-- AddForeignKey
ALTER TABLE "ChatVerification" ADD CONSTRAINT "ChatVerification_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
