import type { Contact, PrismaClient } from '../prisma/client.ts';

export interface IdentifyRequesterOptions {
  prisma: PrismaClient;
  email?: string;
  teamsId?: string;
  name?: string;
}

/** A contact with the school board the master data links it to. */
export type RequesterProfile = Contact & { schoolBoard: { id: string; name: string } | null };

const withSchoolBoard = { schoolBoard: { select: { id: true, name: true } } } as const;

/**
 * Links a sender to a contact: by email, else by Teams (Entra) object id; creates the contact on
 * first contact and fills in what was missing. A school board is attached only by master data,
 * never from what a sender claims.
 */
export async function identifyRequester({ prisma, email, teamsId, name }: IdentifyRequesterOptions): Promise<RequesterProfile | null> {
  const normalisedEmail = email?.trim().toLowerCase() || undefined;
  if (!normalisedEmail && !teamsId) return null;
  const matching = { OR: [...(normalisedEmail ? [{ email: normalisedEmail }] : []), ...(teamsId ? [{ teamsAadObjectId: teamsId }] : [])] };
  const existing = await prisma.contact.findFirst({ where: matching, include: withSchoolBoard });
  if (existing) {
    const update = {
      ...(name && !existing.name ? { name } : {}),
      ...(normalisedEmail && !existing.email ? { email: normalisedEmail } : {}),
      ...(teamsId && !existing.teamsAadObjectId ? { teamsAadObjectId: teamsId } : {}),
    };
    return Object.keys(update).length > 0 ? prisma.contact.update({ where: { id: existing.id }, data: update, include: withSchoolBoard }) : existing;
  }
  try {
    return await prisma.contact.create({ data: { email: normalisedEmail, teamsAadObjectId: teamsId, name }, include: withSchoolBoard });
  } catch (error) {
    // Two first messages of the same person at once: the other one created the contact.
    if ((error as { code?: string }).code === 'P2002') return prisma.contact.findFirst({ where: matching, include: withSchoolBoard });
    throw error;
  }
}
