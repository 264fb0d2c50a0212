import { expect, it } from 'vitest';
import { loadConversation, saveConversationState } from '../../tickets/conversation-state.ts';
import { identifyRequester } from '../../tickets/identify-requester.ts';
import { describeOnEachDatabase } from '../helpers/database.ts';
import { uniqueSuffix } from '../helpers/factories.ts';

describeOnEachDatabase('conversation state', (database) => {

  it('keeps a dialogue across loads (any instance) until it expires', async () => {
    const key = `conv-${uniqueSuffix()}`;
    const now = new Date('2030-05-05T10:00:00Z');
    const conversation = await loadConversation({ sql: database().sql, channel: 'api', externalKey: key, now });
    await saveConversationState({ prisma: database().prisma, conversation, state: { dialogue: 'booking', asked: 1 }, ttlMs: 60_000, now });
    const later = await loadConversation({ sql: database().sql, channel: 'api', externalKey: key, now: new Date(now.getTime() + 30_000) });
    expect(later.state).toEqual({ dialogue: 'booking', asked: 1 });
    const stale = await loadConversation({ sql: database().sql, channel: 'api', externalKey: key, now: new Date(now.getTime() + 61_000) });
    expect(stale.state).toBeNull();
  });

  it('refuses to overwrite a state another instance changed meanwhile', async () => {
    const conversation = await loadConversation({ sql: database().sql, channel: 'teams', externalKey: `conv-${uniqueSuffix()}` });
    await saveConversationState({ prisma: database().prisma, conversation, state: { dialogue: 'offer' } });
    await expect(saveConversationState({ prisma: database().prisma, conversation, state: { dialogue: 'booking' } })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('links a sender to one contact by email or Teams id', async () => {
    const email = `Kontakt-${uniqueSuffix()}@Example.org`;
    const first = await identifyRequester({ prisma: database().prisma, sql: database().sql, email, name: 'Ina Kontakt' });
    const second = await identifyRequester({ prisma: database().prisma, sql: database().sql, email: email.toLowerCase(), teamsId: `aad-${uniqueSuffix()}` });
    expect(second?.id).toBe(first?.id);
    expect(second).toMatchObject({ email: email.toLowerCase(), name: 'Ina Kontakt' });
    const byTeams = await identifyRequester({ prisma: database().prisma, sql: database().sql, teamsId: second!.teamsAadObjectId! });
    expect(byTeams?.id).toBe(first?.id);
  });

  it('starts a conversation once when its first turns arrive at the same time, and attaches the sender later', async () => {
    const key = `conv-${uniqueSuffix()}`;
    const loads = await Promise.all(Array.from({ length: 6 }, () => loadConversation({ sql: database().sql, channel: 'teams', externalKey: key })));
    expect(new Set(loads.map((loaded) => loaded.id)).size).toBe(1);
    expect(loads[0]).toMatchObject({ version: 0, contactId: null, state: null });
    const contact = await identifyRequester({ prisma: database().prisma, sql: database().sql, email: `spaeter-${uniqueSuffix()}@example.org` });
    const attached = await loadConversation({ sql: database().sql, channel: 'teams', externalKey: key, contactId: contact!.id });
    expect(attached).toMatchObject({ id: loads[0]!.id, contactId: contact!.id });
    // A turn without a known sender keeps the contact the conversation already has.
    expect(await loadConversation({ sql: database().sql, channel: 'teams', externalKey: key })).toMatchObject({ id: loads[0]!.id, contactId: contact!.id });
  });

  it('starts a conversation whose key the channel has just issued, and still reads one that exists under it', async () => {
    const key = `conv-${uniqueSuffix()}`;
    const contact = await identifyRequester({ prisma: database().prisma, sql: database().sql, email: `neu-${uniqueSuffix()}@example.org` });
    const created = await loadConversation({ sql: database().sql, channel: 'api', externalKey: key, contactId: contact!.id, isNew: true });
    expect(created).toMatchObject({ version: 0, contactId: contact!.id, state: null });
    await saveConversationState({ prisma: database().prisma, conversation: created, state: { dialogue: 'booking' } });
    const again = await loadConversation({ sql: database().sql, channel: 'api', externalKey: key, isNew: true });
    expect(again).toMatchObject({ id: created.id, version: 1, contactId: contact!.id, state: { dialogue: 'booking' } });
    expect(await database().prisma.conversation.count({ where: { channel: 'api', externalKey: key } })).toBe(1);
  });

  it("returns a known sender with the school board the master data links them to", async () => {
    const board = await database().prisma.schoolBoard.create({ data: { name: `Amt Test ${uniqueSuffix()}`, kind: 'amt' } });
    const email = `amt-${uniqueSuffix()}@example.org`;
    await database().prisma.contact.create({ data: { email, schoolBoardId: board.id } });
    expect(await identifyRequester({ prisma: database().prisma, sql: database().sql, email })).toMatchObject({ email, schoolBoard: { id: board.id, name: board.name } });
    expect(await identifyRequester({ prisma: database().prisma, sql: database().sql, email: `fremd-${uniqueSuffix()}@example.org` })).toMatchObject({ schoolBoard: null });
  });
});
