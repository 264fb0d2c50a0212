-- CreateTable
CREATE TABLE "MailboxState" (
    "mailbox" TEXT NOT NULL,
    "uidValidity" TEXT NOT NULL,
    "lastUid" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MailboxState_pkey" PRIMARY KEY ("mailbox")
);

