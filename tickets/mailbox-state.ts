import type { PrismaClient } from '../prisma/client.ts';

export async function loadMailboxState({ prisma, mailbox }: { prisma: PrismaClient; mailbox: string }) {
  return prisma.mailboxState.findUnique({ where: { mailbox } });
}

export async function saveMailboxState({ prisma, mailbox, uidValidity, lastUid }: { prisma: PrismaClient; mailbox: string; uidValidity: string; lastUid: number }) {
  await prisma.mailboxState.upsert({ where: { mailbox }, create: { mailbox, uidValidity, lastUid }, update: { uidValidity, lastUid } });
}
