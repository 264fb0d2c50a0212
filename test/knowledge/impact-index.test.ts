import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { padCorpus } from '../../bench/synthetic-chunks.ts';
import { chunksOfDocuments, readEvalQuestions } from '../../knowledge/evaluate-knowledge.ts';
import { createGermanAnalyzer, tokenize } from '../../knowledge/german-analyzer.ts';
import { createImpactIndex } from '../../knowledge/impact-index.ts';
import { rankingSettings, sectionFields, type KnowledgeChunkRecord } from '../../knowledge/knowledge-index.ts';
import { projectRoot } from '../../project-root.ts';
import { readShippedDocuments } from '../helpers/knowledge.ts';

/**
 * The impact index must rank as MiniSearch does with the same settings, analyzer and term
 * weights: same documents in the same order (documents with equal scores may swap), same scores,
 * same matched query terms. Checked on the shipped sections and on 3,000 with synthetic padding,
 * for every eval question (typos, prefixes and compounds included).
 */
async function compare(chunks: KnowledgeChunkRecord[]) {
  const analyzer = createGermanAnalyzer();
  analyzer.learnVocabulary(chunks.map((chunk) => sectionFields(chunk).slice(1).join(' ')));
  const processTerm = (term: string) => analyzer.analyzeWord(term);
  const miniSearch = new MiniSearch<{ id: string; title: string; heading: string; questions: string; text: string }>({
    fields: [...rankingSettings.fields],
    tokenize,
    processTerm,
    searchOptions: { boost: rankingSettings.boost as Record<string, number>, fuzzy: rankingSettings.fuzzy, prefix: rankingSettings.prefix, weights: rankingSettings.weights },
  });
  const builder = createImpactIndex({ ...rankingSettings, tokenize, processTerm });
  for (const chunk of chunks) {
    const [title, heading, questions, text] = sectionFields(chunk);
    miniSearch.add({ id: chunk.id, title: title!, heading: heading!, questions: questions!, text: text! });
    builder.add(chunk.id, sectionFields(chunk));
  }
  const impactIndex = builder.build();
  const questions = await readEvalQuestions(`${projectRoot}/test/eval/questions.jsonl`);
  let compared = 0;
  for (const [position, question] of questions.entries()) {
    const terms = [...new Set(tokenize(question.question).flatMap((word) => analyzer.analyzeWord(word)))];
    if (terms.length === 0) continue;
    // Term weights as the knowledge index sets them (here simply varied).
    const boosts = new Map(terms.map((term, index) => [term, 1 + ((index + position) % 3) * 0.5]));
    const expected = miniSearch
      .search(terms.join(' '), { tokenize: (text) => text.split(' '), processTerm: (term) => term, boostTerm: (term) => boosts.get(term) ?? 1 })
      .slice(0, 12);
    const actual = impactIndex.search(
      terms.map((term) => ({ term, boost: boosts.get(term)! })),
      12,
    );
    expect(actual.length, question.id).toBe(expected.length);
    actual.forEach((hit, rank) => {
      const reference = expected[rank]!;
      expect(hit.score, `${question.id} rank ${rank}`).toBeCloseTo(reference.score, 6);
      if (hit.id !== reference.id) {
        // A tie: the document MiniSearch put here has the same score.
        expect(expected.find((other) => other.id === hit.id)?.score ?? Number.NaN, `${question.id} rank ${rank}`).toBeCloseTo(hit.score, 6);
      } else {
        expect(new Set(hit.queryTerms), `${question.id} rank ${rank}`).toEqual(new Set(reference.queryTerms));
      }
    });
    compared += 1;
  }
  return compared;
}

describe('impact index', () => {
  it('ranks the shipped sections as MiniSearch does', async () => {
    const chunks = chunksOfDocuments(await readShippedDocuments());
    expect(await compare(chunks)).toBeGreaterThan(550);
  });

  it('ranks 3,000 sections (shipped plus synthetic) as MiniSearch does', async () => {
    const chunks = chunksOfDocuments(await readShippedDocuments());
    expect(await compare(padCorpus({ chunks, size: 3000 }))).toBeGreaterThan(550);
  }, 120_000);
});
