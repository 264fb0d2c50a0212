import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { Advisor, AdvisorRole, PrismaClient } from '../prisma/client.ts';

/** How long a token signs in unless the operator sets ADVISOR_TOKEN_TTL_DAYS. */
export const defaultTokenTtlDays = 90;

export interface AddAdvisorOptions {
  prisma: PrismaClient;
  name: string;
  email: string;
  role?: AdvisorRole;
  topics?: string[];
  regions?: string[];
  teamsAadObjectId?: string;
  tokenTtlDays?: number;
  now?: Date;
}

export interface IssuedToken {
  /** The bearer token, shown once; only its hash is stored. */
  token: string;
  id: string;
  prefix: string;
  expiresAt: Date;
}

export interface AddAdvisorResult extends IssuedToken {
  advisor: Advisor;
}

export function normaliseAdvisorEmail(email: string): string {
  const parsed = z.email().safeParse(email.trim().toLowerCase());
  if (!parsed.success) throw new AppError('invalid_input', `Invalid email address: ${email}`, { german: `„${email}“ ist keine gültige E-Mail-Adresse.` });
  return parsed.data;
}

/**
 * Adds an advisor with a first token. An address that already has an account is refused: changing
 * an account (role, topics) is `updateAdvisor`, a further token is `issueAdvisorToken`, so that
 * adding never silently demotes or reactivates anyone.
 */
export async function addAdvisor({ prisma, name, email, role = 'advisor', topics = [], regions = [], teamsAadObjectId, tokenTtlDays = defaultTokenTtlDays, now = new Date() }: AddAdvisorOptions): Promise<AddAdvisorResult> {
  const address = normaliseAdvisorEmail(email);
  if (name.trim() === '') throw new AppError('invalid_input', 'Name is empty', { german: 'Bitte geben Sie einen Namen an.' });
  if ((await prisma.advisor.count({ where: { email: address } })) > 0) {
    throw new AppError('conflict', `Advisor exists: ${address}`, {
      german: `Unter ${address} gibt es bereits ein Konto. Einen weiteren Zugang stellt „schulit advisor token --email ${address}“ aus; Rolle und Themen ändern Sie im Arbeitsbereich.`,
    });
  }
  const advisor = await prisma.advisor.create({ data: { name: name.trim(), email: address, role, topics, regions, teamsAadObjectId } });
  return { advisor, ...(await createAdvisorToken({ prisma, advisorId: advisor.id, ttlDays: tokenTtlDays, now })) };
}

/** Stores a new token's hash with its prefix, label and expiry; returns the token once. */
export async function createAdvisorToken({ prisma, advisorId, ttlDays, label, now = new Date() }: { prisma: PrismaClient; advisorId: string; ttlDays: number; label?: string; now?: Date }): Promise<IssuedToken> {
  const token = newAdvisorToken();
  const expiresAt = new Date(now.getTime() + ttlDays * 86_400_000);
  const stored = await prisma.advisorToken.create({ data: { advisorId, tokenHash: hashToken(token), prefix: tokenPrefix(token), label: label?.trim() || null, expiresAt, createdAt: now } });
  return { token, id: stored.id, prefix: stored.prefix!, expiresAt };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The first characters of a token ("sit_" and six more): enough to tell tokens apart, far too few to guess the rest (156 bits remain). */
export function tokenPrefix(token: string): string {
  return token.slice(0, 10);
}

/** A bearer token for the advisors' API: recognisable prefix, 192 random bits. */
export function newAdvisorToken(): string {
  return `sit_${randomBytes(24).toString('base64url')}`;
}
