import type { Contact, PrismaClient } from '../prisma/client.ts';

/**
 * Links a sender to a contact: by email, else by Teams (Entra) object id; creates the contact on
 * first contact and fills in what was missing. A school board is attached only by master data,
 * never from what a sender claims.
 */
export async function identifyRequester({ prisma, email, teamsId, name }: { prisma: PrismaClient; email?: string; teamsId?: string; name?: string }): Promise<Contact | null> {
  const normalisedEmail = email?.trim().toLowerCase() || undefined;
  if (!normalisedEmail && !teamsId) return null;
  const existing = await prisma.contact.findFirst({
    where: { OR: [...(normalisedEmail ? [{ email: normalisedEmail }] : []), ...(teamsId ? [{ teamsAadObjectId: teamsId }] : [])] },
  });
  if (existing) {
    const update = {
      ...(name && !existing.name ? { name } : {}),
      ...(normalisedEmail && !existing.email ? { email: normalisedEmail } : {}),
      ...(teamsId && !existing.teamsAadObjectId ? { teamsAadObjectId: teamsId } : {}),
    };
    return Object.keys(update).length > 0 ? prisma.contact.update({ where: { id: existing.id }, data: update }) : existing;
  }
  try {
    return await prisma.contact.create({ data: { email: normalisedEmail, teamsAadObjectId: teamsId, name } });
  } catch (error) {
    // Two first messages of the same person at once: the other one created the contact.
    if ((error as { code?: string }).code === 'P2002') return prisma.contact.findFirst({ where: { OR: [{ email: normalisedEmail }, { teamsAadObjectId: teamsId }] } });
    throw error;
  }
}
