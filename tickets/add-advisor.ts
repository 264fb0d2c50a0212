import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { Advisor, AdvisorRole, PrismaClient } from '../prisma/client.ts';

export interface AddAdvisorOptions {
  prisma: PrismaClient;
  name: string;
  email: string;
  role?: AdvisorRole;
  topics?: string[];
  regions?: string[];
  teamsAadObjectId?: string;
}

export interface AddAdvisorResult {
  advisor: Advisor;
  /** The bearer token, shown once; only its hash is stored. */
  token: string;
}

/** Adds an advisor (or a new token for an existing one with the same email). */
export async function addAdvisor({
  prisma,
  name,
  email,
  role = 'advisor',
  topics = [],
  regions = [],
  teamsAadObjectId,
}: AddAdvisorOptions): Promise<AddAdvisorResult> {
  const parsedEmail = z.email().safeParse(email.trim().toLowerCase());
  if (!parsedEmail.success) {
    throw new AppError('invalid_input', `Invalid email address: ${email}`, { german: `„${email}“ ist keine gültige E-Mail-Adresse.` });
  }
  if (name.trim() === '') {
    throw new AppError('invalid_input', 'Name is empty', { german: 'Bitte geben Sie einen Namen an.' });
  }
  const token = newAdvisorToken();
  const advisor = await prisma.advisor.upsert({
    where: { email: parsedEmail.data },
    create: { name: name.trim(), email: parsedEmail.data, role, topics, regions, teamsAadObjectId },
    update: { name: name.trim(), role, topics, regions, isActive: true, ...(teamsAadObjectId ? { teamsAadObjectId } : {}) },
  });
  await prisma.advisorToken.create({ data: { advisorId: advisor.id, tokenHash: hashToken(token) } });
  return { advisor, token };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A bearer token for the advisors' API: recognisable prefix, 192 random bits. */
export function newAdvisorToken(): string {
  return `sit_${randomBytes(24).toString('base64url')}`;
}
