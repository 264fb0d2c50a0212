import { PGlite } from '@electric-sql/pglite';
import MiniSearch from 'minisearch';
import { cleanQuestion, expandQuestion } from '../knowledge/clean-question.ts';
import { isTarget, type EvalQuestion } from '../knowledge/evaluate-knowledge.ts';
import { buildKnowledgeIndex, type KnowledgeChunkRecord } from '../knowledge/knowledge-index.ts';
import { median } from './statistics.ts';

export interface RetrievalRun {
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  /** Building the index from the chunks. */
  buildMs: number;
  /** First pass over a freshly built index: caches empty, code already compiled (what new questions cost). */
  firstPassMicrosecondsPerQuery: number;
  /** Median of the later passes (warm JIT and caches). */
  microsecondsPerQuery: number;
}

export interface RetrievalComparison {
  chunks: number;
  /** The eval's covered questions, each searched once per pass. */
  questions?: number;
  ours: RetrievalRun;
  miniSearch: RetrievalRun;
  /** PostgreSQL's German full-text search (embedded PGlite, GIN index, ts_rank over the question's lexemes joined by OR). */
  postgres?: RetrievalRun;
}

interface Searcher {
  /** Ranked chunk ids (best first, at most 10). */
  rank(question: EvalQuestion): string[] | Promise<string[]>;
}

async function run(build: () => Searcher | Promise<Searcher>, chunks: KnowledgeChunkRecord[], questions: EvalQuestion[], passes: number, isWarmUpNeeded: boolean): Promise<RetrievalRun> {
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  if (isWarmUpNeeded) {
    const warmUp = await build();
    for (const question of questions) await warmUp.rank(question);
  }
  const buildStarted = performance.now();
  const searcher = await build();
  const buildMs = Math.round(performance.now() - buildStarted);
  const perPass: number[] = [];
  let ranks: number[] = [];
  for (let pass = 0; pass < passes; pass += 1) {
    const started = process.hrtime.bigint();
    const rankings: string[][] = [];
    for (const question of questions) rankings.push(await searcher.rank(question));
    perPass.push(Number(process.hrtime.bigint() - started) / 1000 / questions.length);
    if (pass === 0) ranks = rankings.map((ids, position) => ids.findIndex((id) => isTarget(questions[position]!, byId.get(id)!)));
  }
  const share = (count: number) => Math.round((count / questions.length) * 1000) / 1000;
  return {
    hitAt1: share(ranks.filter((rank) => rank === 0).length),
    hitAt3: share(ranks.filter((rank) => rank >= 0 && rank < 3).length),
    mrr: Math.round((ranks.reduce((sum, rank) => sum + (rank >= 0 ? 1 / (rank + 1) : 0), 0) / questions.length) * 1000) / 1000,
    buildMs,
    firstPassMicrosecondsPerQuery: Math.round(perPass[0] ?? 0),
    microsecondsPerQuery: Math.round(median(perPass.slice(1))),
  };
}

/**
 * Our index (German analysis, query cleaning and cues, as the answer path searches) against plain
 * MiniSearch with default options on the raw question, over the same chunks and covered questions.
 */
/** The sections in an embedded PostgreSQL with a German tsvector (heading weighted A, text B) and a GIN index. */
async function postgresFullText(chunks: KnowledgeChunkRecord[]): Promise<Searcher> {
  const database = await PGlite.create();
  await database.exec('CREATE TABLE section (id text PRIMARY KEY, document tsvector NOT NULL)');
  for (let start = 0; start < chunks.length; start += 500) {
    const batch = chunks.slice(start, start + 500);
    await database.query(
      `INSERT INTO section SELECT id, setweight(to_tsvector('german', heading), 'A') || setweight(to_tsvector('german', body), 'B')
       FROM unnest($1::text[], $2::text[], $3::text[]) AS input(id, heading, body)`,
      [batch.map((chunk) => chunk.id), batch.map((chunk) => `${chunk.documentTitle} ${chunk.sectionPath.join(' ')}`), batch.map((chunk) => chunk.text)],
    );
  }
  await database.exec('CREATE INDEX section_document ON section USING gin (document); ANALYZE section');
  return {
    // A question's lexemes joined by OR: websearch_to_tsquery would AND them and find nothing for most questions.
    rank: async (question) =>
      (
        await database.query<{ id: string }>(
          `SELECT id FROM section, to_tsquery('german', coalesce(nullif(array_to_string(tsvector_to_array(to_tsvector('german', $1)), ' | '), ''), 'nichts')) AS query
           WHERE document @@ query ORDER BY ts_rank(document, query) DESC, id LIMIT 10`,
          [question.question],
        )
      ).rows.map((row) => row.id),
  };
}

export async function compareRetrieval({
  chunks,
  questions,
  passes = 7,
  isWarmUpNeeded = true,
}: {
  chunks: KnowledgeChunkRecord[];
  questions: EvalQuestion[];
  passes?: number;
  /** Build and search once untimed first, so the JIT has compiled the code (skip when it has). */
  isWarmUpNeeded?: boolean;
}): Promise<RetrievalComparison> {
  const covered = questions.filter((question) => question.kind === 'covered');
  const ours = await run(
    () => {
      const index = buildKnowledgeIndex(chunks);
      return { rank: (question) => index.search(expandQuestion(cleanQuestion(question.question)), { limit: 10, asked: cleanQuestion(question.question) }).map((hit) => hit.chunk.id) };
    },
    chunks,
    covered,
    passes,
    isWarmUpNeeded,
  );
  const miniSearch = await run(
    () => {
      const baseline = new MiniSearch<{ id: string; title: string; heading: string; text: string }>({ fields: ['title', 'heading', 'text'] });
      baseline.addAll(chunks.map((chunk) => ({ id: chunk.id, title: chunk.documentTitle, heading: chunk.sectionPath.join(' '), text: chunk.text })));
      return { rank: (question) => baseline.search(question.question).slice(0, 10).map((result) => String(result.id)) };
    },
    chunks,
    covered,
    passes,
    isWarmUpNeeded,
  );
  const postgres = await run(() => postgresFullText(chunks), chunks, covered, passes, false);
  return { chunks: chunks.length, questions: covered.length, ours, miniSearch, postgres };
}
