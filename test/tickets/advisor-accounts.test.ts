import { expect, it } from 'vitest';
import { addAdvisor, findAdvisorByTeamsIdentity, findAdvisorByToken, issueAdvisorToken, listAdvisorTokens, mergeTickets, revokeAdvisorToken } from '../../tickets/index.ts';
import { describeOnEachDatabase } from '../helpers/database.ts';
import { createAdvisor, createConsultation, createRequestTicket, uniqueSuffix } from '../helpers/factories.ts';

describeOnEachDatabase('advisor accounts and tokens', (database) => {
  it('refuses to add an existing address instead of resetting its role', async () => {
    const email = `admin-${uniqueSuffix()}@ego-mv.example`;
    const { advisor } = await createAdvisor(database().prisma, { email, role: 'admin', topics: ['foerderantrag'] });
    await expect(addAdvisor({ prisma: database().prisma, name: 'Jemand', email: email.toUpperCase() })).rejects.toMatchObject({ code: 'conflict', german: expect.stringContaining('schulit advisor token') });
    expect(await database().prisma.advisor.findUniqueOrThrow({ where: { id: advisor.id } })).toMatchObject({ role: 'admin', topics: ['foerderantrag'] });
  });

  it('lets tokens expire, lists them by prefix only and revokes one without touching the others', async () => {
    const now = new Date('2026-12-04T10:00:00Z');
    const first = await createAdvisor(database().prisma, { tokenTtlDays: 30, now });
    expect(first.expiresAt).toEqual(new Date('2027-01-03T10:00:00Z'));
    const second = await issueAdvisorToken({ prisma: database().prisma, id: first.advisor.id, ttlDays: 90, label: 'Laptop' });
    const prisma = database().prisma;
    expect((await findAdvisorByToken({ prisma, token: first.token, now: new Date('2027-01-03T09:59:00Z') }))?.id).toBe(first.advisor.id);
    expect(await findAdvisorByToken({ prisma, token: first.token, now: new Date('2027-01-03T10:00:00Z') })).toBeNull();

    const listed = await listAdvisorTokens({ prisma, advisorId: first.advisor.id });
    expect(listed.map((token) => [token.prefix, token.label])).toEqual(expect.arrayContaining([[first.token.slice(0, 10), null], [second.token.slice(0, 10), 'Laptop']]));
    expect(JSON.stringify(listed)).not.toContain(first.token.slice(10));

    await revokeAdvisorToken({ prisma, advisorId: first.advisor.id, tokenId: second.id });
    expect(await findAdvisorByToken({ prisma, token: second.token })).toBeNull();
    expect((await findAdvisorByToken({ prisma, token: first.token }))?.id).toBe(first.advisor.id);
    // Another advisor's token id is not found through this advisor.
    const other = await createAdvisor(prisma);
    await expect(revokeAdvisorToken({ prisma, advisorId: other.advisor.id, tokenId: first.id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await findAdvisorByToken({ prisma, token: first.token }))?.id).toBe(first.advisor.id);
  });

  it('binds a Teams identity by object id; by sign-in address only when the operator opted in', async () => {
    const prisma = database().prisma;
    const { advisor } = await createAdvisor(prisma);
    const objectId = crypto.randomUUID();
    expect(await findAdvisorByTeamsIdentity({ prisma, objectId, email: advisor.email })).toBeNull();
    expect((await prisma.advisor.findUniqueOrThrow({ where: { id: advisor.id } })).teamsAadObjectId).toBeNull();
    expect((await findAdvisorByTeamsIdentity({ prisma, objectId, email: advisor.email.toUpperCase(), bindByEmail: true }))?.id).toBe(advisor.id);
    expect((await findAdvisorByTeamsIdentity({ prisma, objectId }))?.id).toBe(advisor.id);
    // Bound accounts are not re-bound to another object id by address.
    expect(await findAdvisorByTeamsIdentity({ prisma, objectId: crypto.randomUUID(), email: advisor.email, bindByEmail: true })).toBeNull();
  });

  it('merges a duplicate without handing its booking to another requester', async () => {
    const prisma = database().prisma;
    const { advisor } = await createAdvisor(prisma);
    const target = await createRequestTicket(prisma, { requester: { email: `amt-a-${uniqueSuffix()}@example.org` } });
    const { booking: foreign, ticket: otherRequester } = await createConsultation(prisma);
    await mergeTickets({ prisma, sourceNumber: otherRequester.number, targetNumber: target.number, advisorId: advisor.id });
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: foreign.id } })).ticketId).toBe(otherRequester.id);
    const note = await prisma.message.findFirstOrThrow({ where: { ticketId: target.id, isInternalNote: true }, orderBy: { createdAt: 'desc' } });
    expect(note.text).toContain(`Sein Beratungstermin bleibt bei ${otherRequester.number}`);

    const { booking: own, ticket: sameRequester } = await createConsultation(prisma, { requester: { email: target.requesterEmail!.toUpperCase() } });
    await mergeTickets({ prisma, sourceNumber: sameRequester.number, targetNumber: target.number, advisorId: advisor.id });
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: own.id } })).ticketId).toBe(target.id);
  });
});
