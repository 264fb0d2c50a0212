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
  ours: RetrievalRun;
  miniSearch: RetrievalRun;
}

interface Searcher {
  /** Ranked chunk ids (best first, at most 10). */
  rank(question: EvalQuestion): string[];
}

function run(build: () => Searcher, chunks: KnowledgeChunkRecord[], questions: EvalQuestion[], passes: number, isWarmUpNeeded: boolean): RetrievalRun {
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  if (isWarmUpNeeded) {
    const warmUp = build();
    for (const question of questions) warmUp.rank(question);
  }
  const buildStarted = performance.now();
  const searcher = build();
  const buildMs = Math.round(performance.now() - buildStarted);
  const perPass: number[] = [];
  let ranks: number[] = [];
  for (let pass = 0; pass < passes; pass += 1) {
    const started = process.hrtime.bigint();
    const rankings = questions.map((question) => searcher.rank(question));
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
export function compareRetrieval({
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
}): RetrievalComparison {
  const covered = questions.filter((question) => question.kind === 'covered');
  const ours = run(
    () => {
      const index = buildKnowledgeIndex(chunks);
      return { rank: (question) => index.search(expandQuestion(cleanQuestion(question.question)), { limit: 10 }).map((hit) => hit.chunk.id) };
    },
    chunks,
    covered,
    passes,
    isWarmUpNeeded,
  );
  const miniSearch = run(
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
  return { chunks: chunks.length, ours, miniSearch };
}
