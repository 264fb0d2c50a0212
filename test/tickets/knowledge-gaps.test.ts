import { expect, it } from 'vitest';
import { listKnowledgeGaps } from '../../tickets/index.ts';
import { describeOnEachDatabase } from '../helpers/database.ts';

describeOnEachDatabase('knowledge gaps', (database) => {
  it('counts every abstention and refusal of the period, with the five newest questions as examples', async () => {
    const { prisma } = database();
    // A period of its own, far from other tests' answers; cleared first, for a PostgreSQL database kept between runs.
    const since = new Date(Date.UTC(2031, 2, 1));
    const at = (minutes: number) => new Date(since.getTime() + minutes * 60_000);
    await prisma.answer.deleteMany({ where: { createdAt: { gte: at(-10), lte: at(60) } } });
    const base = { text: 'Dazu finde ich keine verlässliche Aussage.', confidence: 0.1, isAbstention: true };
    await prisma.answer.createMany({
      data: [
        ...Array.from({ length: 7 }, (_, index) => ({ ...base, question: `Lücke ${index}`, intent: 'question', chunkIds: ['kein-abschnitt-1'], createdAt: at(index) })),
        ...Array.from({ length: 2 }, (_, index) => ({ ...base, question: `Ohne Treffer ${index}`, intent: 'question', chunkIds: [], createdAt: at(10 + index) })),
        ...Array.from({ length: 3 }, (_, index) => ({ ...base, question: `Themenfremd ${index}`, intent: 'out_of_scope', chunkIds: [], createdAt: at(20 + index) })),
        // Answered, or before the period: not gaps.
        { ...base, question: 'Beantwortet', intent: 'question', isAbstention: false, createdAt: at(30) },
        { ...base, question: 'Zu alt', intent: 'question', createdAt: new Date(since.getTime() - 60_000) },
      ],
    });
    const gaps = (await listKnowledgeGaps({ prisma, since, until: at(60) })).filter((gap) => gap.examples.some((example) => /^(Lücke|Ohne Treffer|Themenfremd)/.test(example)));
    expect(gaps).toEqual([
      { topic: 'ohne Treffer', count: 9, examples: ['Ohne Treffer 1', 'Ohne Treffer 0', 'Lücke 6', 'Lücke 5', 'Lücke 4'] },
      { topic: 'als themenfremd abgelehnt', count: 3, examples: ['Themenfremd 2', 'Themenfremd 1', 'Themenfremd 0'] },
    ]);
  });

  it('counts exactly the period, also within its first and last hour, and follows deleted and changed answers', async () => {
    const { prisma } = database();
    const hour = new Date(Date.UTC(2031, 4, 1));
    const at = (minutes: number) => new Date(hour.getTime() + minutes * 60_000);
    await prisma.answer.deleteMany({ where: { createdAt: { gte: at(-10), lte: at(240) } } });
    const base = { text: 'Dazu finde ich keine verlässliche Aussage.', confidence: 0.1, isAbstention: true, intent: 'question', chunkIds: ['abschnitt-grenzen'] };
    const made = await Promise.all(
      [10, 40, 80, 100, 170].map((minute) => prisma.answer.create({ data: { ...base, question: `Grenzfall ${minute}`, createdAt: at(minute) } })),
    );
    const gapOf = async (since: Date, until: Date) =>
      (await listKnowledgeGaps({ prisma, since, until })).find((gap) => gap.examples.some((example) => example.startsWith('Grenzfall')));
    // 00:30 to 02:30: not the answer of 00:10 in the same first hour, nor the one of 02:50 in the last.
    expect(await gapOf(at(30), at(150))).toEqual({ topic: 'ohne Treffer', count: 3, examples: ['Grenzfall 100', 'Grenzfall 80', 'Grenzfall 40'] });
    // Within one hour.
    expect((await gapOf(at(35), at(50)))?.count).toBe(1);
    await prisma.answer.delete({ where: { id: made[1]!.id } });
    await prisma.answer.update({ where: { id: made[2]!.id }, data: { isAbstention: false } });
    expect(await gapOf(at(30), at(150))).toEqual({ topic: 'ohne Treffer', count: 1, examples: ['Grenzfall 100'] });
    expect(await gapOf(at(0), at(240))).toEqual({ topic: 'ohne Treffer', count: 3, examples: ['Grenzfall 170', 'Grenzfall 100', 'Grenzfall 10'] });
  });

  it('counts a period that ends now from the tally, its current hour included', async () => {
    const db = database();
    const { prisma } = db;
    const now = Date.now();
    const marker = `Jetzt-Lücke ${now}`;
    const base = { text: 'Dazu finde ich keine verlässliche Aussage.', confidence: 0.1, isAbstention: true, intent: 'question', chunkIds: [`abschnitt-${now}`] };
    await prisma.answer.createMany({
      data: [
        { ...base, question: `${marker} neu`, createdAt: new Date(now - 60_000) },
        { ...base, question: `${marker} auch neu`, createdAt: new Date(now - 30_000) },
        { ...base, question: `${marker} zu alt`, createdAt: new Date(now - 3 * 3_600_000) },
      ],
    });
    const gaps = await listKnowledgeGaps({ prisma, since: new Date(now - 2 * 3_600_000) });
    const examples = gaps.flatMap((gap) => gap.examples).filter((example) => example.startsWith(marker));
    expect(examples).toEqual([`${marker} auch neu`, `${marker} neu`]);
    const [tally] = await prisma.$queryRaw<{ count: bigint }[]>`SELECT sum("count") AS "count" FROM "AnswerTally" WHERE "chunkId" = ${`abschnitt-${now}`}`;
    expect(Number(tally?.count)).toBe(3);
  });
});
