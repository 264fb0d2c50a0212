import { readFile } from 'node:fs/promises';
import MiniSearch from 'minisearch';
import { answerFromKnowledge } from './answer-from-knowledge.ts';
import { cleanQuestion, expandQuestion } from './clean-question.ts';
import type { AiModels } from './create-ai-models.ts';
import { buildKnowledgeIndex, type KnowledgeChunkRecord, type KnowledgeIndex } from './knowledge-index.ts';
import type { ParsedDocument } from './parse-document.ts';

export interface EvalQuestion {
  id: string;
  question: string;
  kind: 'covered' | 'not_covered' | 'out_of_scope';
  document: string | null;
  section: string | null;
  keyFacts: string[];
  style: string;
}

export interface RetrievalFigures {
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  microsecondsPerQuery: number;
}

export interface EvalFigures {
  questions: number;
  ours: RetrievalFigures;
  miniSearchBaseline: RetrievalFigures;
  keyFactCoverage: number;
  abstentionAccuracy: number;
  failures: { id: string; problem: string }[];
}

export async function readEvalQuestions(file: string): Promise<EvalQuestion[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalQuestion);
}

/** Chunks of parsed documents without a database (evaluation, benchmarks). */
export function chunksOfDocuments(documents: ParsedDocument[]): KnowledgeChunkRecord[] {
  return documents.flatMap((document) =>
    document.sections.map((section, ordinal) => ({
      id: `${document.key}#${ordinal}`,
      documentKey: document.key,
      documentTitle: document.title,
      documentVersion: 1,
      sectionPath: section.path,
      text: section.text,
      sourceUrls: section.sourceUrls,
      questions: section.questions,
      validFrom: document.validFrom,
      validUntil: document.validUntil,
      programme: document.programme,
    })),
  );
}

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, ' ');

/** A key fact is stated when one of its "|"-separated variants occurs in the answer. */
export function statesFact(answer: string, fact: string): boolean {
  return fact.split('|').some((variant) => normalise(answer).includes(normalise(variant.trim())));
}

/**
 * Ranks of the target chunks, from a first pass that also warms up the code; the time is that of
 * one pass over a freshly built engine (`fresh`), so it is what new questions cost in a running
 * process, neither the JIT's start nor answers from caches.
 */
function rankAndTime(
  covered: EvalQuestion[],
  byId: Map<string, KnowledgeChunkRecord>,
  rank: (question: EvalQuestion) => string[],
  fresh: () => (question: EvalQuestion) => string[],
): { ranks: Map<string, number>; elapsedMicroseconds: number } {
  const ranks = new Map(covered.map((question) => [question.id, rank(question).findIndex((id) => isTarget(question, byId.get(id)!))]));
  const timed = fresh();
  const started = process.hrtime.bigint();
  for (const question of covered) timed(question);
  return { ranks, elapsedMicroseconds: Number(process.hrtime.bigint() - started) / 1000 };
}

function retrievalFigures(questions: EvalQuestion[], { ranks: rankById, elapsedMicroseconds }: { ranks: Map<string, number>; elapsedMicroseconds: number }): RetrievalFigures {
  const covered = questions.filter((question) => question.kind === 'covered');
  const ranks = covered.map((question) => rankById.get(question.id) ?? -1);
  const share = (count: number) => Math.round((count / Math.max(1, covered.length)) * 1000) / 1000;
  return {
    hitAt1: share(ranks.filter((rank) => rank === 0).length),
    hitAt3: share(ranks.filter((rank) => rank >= 0 && rank < 3).length),
    mrr: Math.round((ranks.reduce((sum, rank) => sum + (rank >= 0 ? 1 / (rank + 1) : 0), 0) / Math.max(1, covered.length)) * 1000) / 1000,
    microsecondsPerQuery: Math.round(elapsedMicroseconds / Math.max(1, covered.length)),
  };
}

/** The chunk an eval question expects: its document and the last heading of its section. */
export function isTarget(question: EvalQuestion, chunk: { documentKey: string; sectionPath: string[] }): boolean {
  return chunk.documentKey === question.document && chunk.sectionPath.at(-1) === question.section;
}

/**
 * Runs the evaluation set: retrieval (hit@1, hit@3, MRR) for our index and for plain MiniSearch
 * on the same chunks, then whole answers (key facts stated; refusing and abstaining when right).
 */
export async function evaluateKnowledge({ documents, questions, models = {} }: { documents: ParsedDocument[]; questions: EvalQuestion[]; models?: AiModels }): Promise<EvalFigures> {
  const chunks = chunksOfDocuments(documents);
  const index = buildKnowledgeIndex(chunks);
  const covered = questions.filter((question) => question.kind === 'covered');
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  const ourRanking = (searched: KnowledgeIndex) => (question: EvalQuestion) => searched.search(expandQuestion(cleanQuestion(question.question)), { limit: 10 }).map((hit) => hit.chunk.id);
  const ours = retrievalFigures(questions, rankAndTime(covered, byId, ourRanking(index), () => ourRanking(buildKnowledgeIndex(chunks))));

  const buildBaseline = () => {
    const baseline = new MiniSearch<{ id: string; title: string; heading: string; text: string }>({ fields: ['title', 'heading', 'text'] });
    baseline.addAll(chunks.map((chunk) => ({ id: chunk.id, title: chunk.documentTitle, heading: chunk.sectionPath.join(' '), text: chunk.text })));
    return (question: EvalQuestion) => baseline.search(question.question).slice(0, 10).map((result) => String(result.id));
  };
  const miniSearchBaseline = retrievalFigures(questions, rankAndTime(covered, byId, buildBaseline(), buildBaseline));

  const failures: { id: string; problem: string }[] = [];
  let factHits = 0;
  let rightDecisions = 0;
  for (const question of questions) {
    const answer = await answerFromKnowledge({ question: question.question, index, model: models.chat });
    if (question.kind === 'covered') {
      const missing = question.keyFacts.filter((fact) => !statesFact(answer.text, fact));
      if (answer.outcome === 'answered' && missing.length === 0) factHits += 1;
      else failures.push({ id: question.id, problem: answer.outcome !== 'answered' ? `nicht beantwortet (${answer.outcome}, Konfidenz ${answer.confidence})` : `fehlt: ${missing.join(', ')}` });
      if (answer.outcome === 'answered') rightDecisions += 1;
    } else if (question.kind === 'out_of_scope') {
      if (answer.outcome === 'out_of_scope') rightDecisions += 1;
      else failures.push({ id: question.id, problem: `nicht als themenfremd abgelehnt (${answer.outcome})` });
    } else {
      const citesTheGap = answer.outcome === 'answered' && answer.citations.some((citation) => citation.section === question.section);
      if (answer.outcome === 'abstained' || citesTheGap) rightDecisions += 1;
      else failures.push({ id: question.id, problem: `Lücke nicht benannt (${answer.outcome}, ${answer.citations[0]?.section ?? '-'})` });
    }
  }
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    questions: questions.length,
    ours,
    miniSearchBaseline,
    keyFactCoverage: round(factHits / Math.max(1, covered.length)),
    abstentionAccuracy: round(rightDecisions / Math.max(1, questions.length)),
    failures,
  };
}
