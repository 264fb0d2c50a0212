-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "requesterChannelUserId" TEXT;

