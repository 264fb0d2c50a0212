import type { Channel, PrismaClient } from '../prisma/client.ts';

export interface InboundDelivery {
  prisma: PrismaClient;
  channel: Channel;
  /** The channel's id of the delivery (Teams activity id, Message-ID). */
  externalId: string;
}

/**
 * Records an inbound delivery; false when the same id was recorded before (a redelivery). Machine
 * mail that is dropped is recorded with the reason and the signals that decided it.
 */
export async function markInboundProcessed({ prisma, channel, externalId, dropped }: InboundDelivery & { dropped?: { reason: string; signals: string[] } }): Promise<boolean> {
  try {
    await prisma.processedInboundMessage.create({ data: { channel, externalId, droppedReason: dropped?.reason, signals: dropped?.signals ?? [] } });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return false;
    throw error;
  }
}

/** Forgets a delivery whose turn failed, so the channel's redelivery is handled instead of dropped. */
export async function releaseInboundMessage({ prisma, channel, externalId }: InboundDelivery): Promise<void> {
  await prisma.processedInboundMessage.deleteMany({ where: { channel, externalId, ticketId: null } });
}

/** Whether a delivery was recorded before (mail writes its record with the ticket, so it only looks first). */
export async function isInboundProcessed({ prisma, channel, externalId }: InboundDelivery): Promise<boolean> {
  // A plain statement: every mail asks it, and Prisma's count costs ~1 ms of query compilation.
  const [row] = await prisma.$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "ProcessedInboundMessage" WHERE "channel" = ${channel}::"Channel" AND "externalId" = ${externalId}) AS "found"`;
  return row?.found === true;
}
