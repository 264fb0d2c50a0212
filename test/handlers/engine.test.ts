import { expect, it, vi } from 'vitest';
import type { KnowledgeAnswer } from '../../knowledge/knowledge-answer.ts';
import { describeOnEachDatabase } from '../helpers/database.ts';
import { createTestEngine } from '../helpers/engine.ts';
import { uniqueSuffix } from '../helpers/factories.ts';

describeOnEachDatabase('the engine', (database) => {
  it('records each answer with the conversation it was given in', async () => {
    const { engine } = await createTestEngine(database());
    const conversationKey = `answer-${uniqueSuffix()}`;
    const handled = await engine.handleMessage({ channel: 'api', sender: { id: uniqueSuffix() }, conversationKey, text: 'Ist WLAN förderfähig?' });
    const answerId = handled.replies[0]!.answerId!;
    const recorded = await database().prisma.answer.findUniqueOrThrow({ where: { id: answerId }, include: { conversation: true } });
    expect(recorded.conversation).toMatchObject({ channel: 'api', externalKey: conversationKey });
  });

  it('handles a Teams redelivery of a turn that failed midway instead of dropping it', async () => {
    const { engine: working, knowledge } = await createTestEngine(database());
    let failures = 1;
    const flaky = {
      async answer(question: string): Promise<KnowledgeAnswer> {
        if (failures-- > 0) throw new Error('knowledge base briefly unavailable');
        return knowledge.answer(question);
      },
    };
    const { engine } = await createTestEngine(database(), { knowledge, override: { knowledge: flaky } });
    const message = { channel: 'teams' as const, sender: { id: `u-${uniqueSuffix()}` }, conversationKey: `teams-${uniqueSuffix()}`, text: 'Ist WLAN förderfähig?', externalId: `activity-${uniqueSuffix()}` };
    await expect(engine.handleMessage(message)).rejects.toThrow('briefly unavailable');
    const redelivered = await engine.handleMessage(message);
    expect(redelivered.isDuplicate).toBeUndefined();
    expect(redelivered.replies[0]!.text).toMatch(/WLAN/);
    // Once handled, the same activity again is a duplicate.
    expect((await working.handleMessage(message)).isDuplicate).toBe(true);
  });

  it('reports an unexpected failure of a card action and answers in plain German', async () => {
    const reportError = vi.fn();
    const advisorId = `aad-${uniqueSuffix()}`;
    const prisma = database().prisma;
    const advisor = await prisma.advisor.create({ data: { name: 'Karla Karte', email: `karla-${uniqueSuffix()}@ego-mv.example`, teamsAadObjectId: advisorId } });
    const { engine, deps } = await createTestEngine(database(), { override: { reportError } });
    deps.tickets.claimTicket = async () => {
      throw new Error('connection reset');
    };
    const handled = await engine
      .handleCardAction({ verb: 'claim', ticketNumber: 'SIT-2026-00001' }, { channel: 'teams', sender: { aadObjectId: advisorId, isProven: true }, conversationKey: 'advisors', text: '' })
      // Other suites on the same PostgreSQL database assign new tickets to active advisors.
      .finally(() => prisma.advisor.update({ where: { id: advisor.id }, data: { isActive: false } }));
    expect(handled.replies[0]!.text).toBe('Das Übernehmen ist fehlgeschlagen. Bitte versuchen Sie es im Arbeitsbereich noch einmal.');
    expect(reportError).toHaveBeenCalledWith(expect.objectContaining({ message: 'connection reset' }), expect.objectContaining({ action: 'claim' }));
  });

  it('tells a Teams user without an advisor account what to do, without showing a command', async () => {
    const { engine } = await createTestEngine(database());
    const handled = await engine.handleCardAction({ verb: 'claim', ticketNumber: 'SIT-2026-00001' }, { channel: 'teams', sender: { aadObjectId: `aad-${uniqueSuffix()}` }, conversationKey: 'advisors', text: '' });
    expect(handled.replies[0]!.text).toContain('Administration');
    expect(handled.replies[0]!.text).not.toMatch(/schulit|--/);
  });

  it('claims nothing for an advisor object id that botbuilder did not authenticate', async () => {
    const prisma = database().prisma;
    const aadObjectId = `aad-${uniqueSuffix()}`;
    const advisor = await prisma.advisor.create({ data: { name: 'Falk Fälschung', email: `falk-${uniqueSuffix()}@ego-mv.example`, teamsAadObjectId: aadObjectId } });
    const { engine, deps } = await createTestEngine(database());
    let claims = 0;
    deps.tickets.claimTicket = async () => {
      claims += 1;
      throw new Error('must not be called');
    };
    try {
      const forged = await engine.handleCardAction({ verb: 'claim', ticketNumber: 'SIT-2026-00001' }, { channel: 'teams', sender: { aadObjectId, isProven: false }, conversationKey: 'advisors', text: '' });
      expect(forged.replies[0]!.text).toContain('Administration');
      expect(await engine.registerAdvisorChannel({ serviceUrl: 'http://127.0.0.1:1/' }, { channel: 'teams', sender: { aadObjectId }, conversationKey: '19:fremd@thread.tacv2', text: 'Beraterkanal registrieren' })).toContain('können nur Beraterinnen und Berater');
      expect(claims).toBe(0);
    } finally {
      await prisma.advisor.update({ where: { id: advisor.id }, data: { isActive: false } });
    }
  });
});
