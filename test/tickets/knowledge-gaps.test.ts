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
});
