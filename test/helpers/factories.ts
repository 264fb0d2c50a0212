import { randomUUID } from 'node:crypto';
import type { PrismaClient, SchoolBoardKind, SchoolType } from '../../prisma/client.ts';
import { addAdvisor, type AddAdvisorOptions } from '../../tickets/add-advisor.ts';
import { createBooking, type CreateBookingOptions } from '../../tickets/create-booking.ts';
import { createTicket, type CreateTicketOptions } from '../../tickets/create-ticket.ts';
import { triageRequest } from '../../tickets/triage-request.ts';

/** A suffix that keeps rows of parallel tests apart on a shared database. */
export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

export async function createSchoolBoard(
  prisma: PrismaClient,
  { name = `Testträger ${uniqueSuffix()}`, kind = 'gemeinde' as SchoolBoardKind, region = 'Testregion' } = {},
) {
  return prisma.schoolBoard.create({ data: { name, kind, region } });
}

export async function createSchool(
  prisma: PrismaClient,
  {
    schoolBoardId,
    name = `Testschule ${uniqueSuffix()}`,
    schoolType = 'grundschule' as SchoolType,
    dienststellennummer = String(Math.floor(10_000_000 + Math.random() * 89_999_999)),
    ropFundingYear = 2022 as number | null,
  }: { schoolBoardId: string; name?: string; schoolType?: SchoolType; dienststellennummer?: string; ropFundingYear?: number | null },
) {
  return prisma.school.create({ data: { schoolBoardId, name, schoolType, dienststellennummer, ropFundingYear } });
}

/** An advisor with a unique address (and its one-time bearer token); override what a test is about. */
export async function createAdvisor(prisma: PrismaClient, overrides: Partial<Omit<AddAdvisorOptions, 'prisma'>> = {}) {
  const suffix = uniqueSuffix();
  return addAdvisor({ prisma, name: `Beraterin ${suffix}`, email: `beraterin-${suffix}@ego-mv.example`, ...overrides });
}

/** A ticket as the API channel would open it for a request text; override what a test is about. */
export async function createRequestTicket(prisma: PrismaClient, overrides: Partial<Omit<CreateTicketOptions, 'prisma'>> = {}) {
  const text = overrides.text ?? 'Bitte prüfen Sie unseren Mittelabruf.';
  return createTicket({
    prisma,
    channel: 'api',
    subject: 'Testanfrage',
    text,
    requester: { email: `anfrage-${uniqueSuffix()}@example.org` },
    triage: triageRequest({ text }),
    ...overrides,
  });
}

/** A consultation request (ticket and booking, `angefragt`); override what a test is about. */
export async function createConsultation(prisma: PrismaClient, overrides: Partial<Omit<CreateBookingOptions, 'prisma'>> = {}) {
  return createBooking({
    prisma,
    channel: 'api',
    requester: { email: `termin-${uniqueSuffix()}@example.org` },
    topic: 'MEP',
    preferredWindows: [],
    participants: [],
    text: 'Beratung zum MEP',
    ...overrides,
  });
}
