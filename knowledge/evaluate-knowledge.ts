import { readFile } from 'node:fs/promises';
import MiniSearch from 'minisearch';
import { answerFromKnowledge } from './answer-from-knowledge.ts';
import { cleanQuestion, expandQuestion } from './clean-question.ts';
import type { AiModels } from './create-ai-models.ts';
import { buildKnowledgeIndex, type KnowledgeChunkRecord, type KnowledgeIndex } from './knowledge-index.ts';
import type { ParsedDocument } from './parse-document.ts';

export type EvalOutcome = 'answer' | 'abstain' | 'out_of_scope' | 'ticket' | 'booking' | 'status';

export interface EvalQuestion {
  id: string;
  question: string;
  /** Older cases: covered = answer, not_covered = abstain (or cite the gap), out_of_scope. */
  kind: 'covered' | 'not_covered' | 'out_of_scope';
  /** What a person should experience; derived from `kind` when absent. */
  expected?: EvalOutcome;
  /** For ticket and booking cases: the category the request belongs to. */
  category?: string;
  document: string | null;
  section: string | null;
  /** Further sections that answer the question as well ("document#Section"). */
  alsoSections?: string[];
  keyFacts: string[];
  style: string;
}

/** How the engine routes a message before the knowledge base is asked (injected: the engine lives above this layer). */
export type EvalRoute = (text: string) => { intent: string; category?: string; questionText?: string };

export interface RetrievalFigures {
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  microsecondsPerQuery: number;
}

export interface StyleFigures {
  cases: number;
  /** Share of the style's cases whose outcome was the expected one. */
  outcomeAccuracy: number;
  keyFactCoverage: number;
  falseRefusals: number;
}

export interface EvalFigures {
  questions: number;
  ours: RetrievalFigures;
  miniSearchBaseline: RetrievalFigures;
  keyFactCoverage: number;
  abstentionAccuracy: number;
  /** Answer cases answered from none of the expected sections or without any key fact, over all answer cases. */
  wrongAnswerRate: number;
  /** Answer cases refused as off-topic or abstained, over all answer cases. */
  falseRefusalRate: number;
  /** With a route: share of all cases whose outcome (answer, abstain, out of scope, ticket, booking, status) was expected. */
  outcomeAccuracy: number | null;
  /** With a route: share of ticket and booking cases filed under the expected category. */
  categoryAccuracy: number | null;
  byStyle: Record<string, StyleFigures>;
  failures: { id: string; problem: string }[];
}

export function expectedOutcomeOf(question: EvalQuestion): EvalOutcome {
  return question.expected ?? (question.kind === 'covered' ? 'answer' : question.kind === 'not_covered' ? 'abstain' : 'out_of_scope');
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
  const covered = questions.filter((question) => expectedOutcomeOf(question) === 'answer' && question.document);
  const ranks = covered.map((question) => rankById.get(question.id) ?? -1);
  const share = (count: number) => Math.round((count / Math.max(1, covered.length)) * 1000) / 1000;
  return {
    hitAt1: share(ranks.filter((rank) => rank === 0).length),
    hitAt3: share(ranks.filter((rank) => rank >= 0 && rank < 3).length),
    mrr: Math.round((ranks.reduce((sum, rank) => sum + (rank >= 0 ? 1 / (rank + 1) : 0), 0) / Math.max(1, covered.length)) * 1000) / 1000,
    microsecondsPerQuery: Math.round(elapsedMicroseconds / Math.max(1, covered.length)),
  };
}

/** The chunk an eval question expects: its document and the last heading of its section (or one of the further sections). */
export function isTarget(question: EvalQuestion, chunk: { documentKey: string; sectionPath: string[] }): boolean {
  const section = chunk.sectionPath.at(-1);
  return (chunk.documentKey === question.document && section === question.section) || (question.alsoSections ?? []).includes(`${chunk.documentKey}#${section}`);
}

/**
 * Runs the evaluation set: retrieval (hit@1, hit@3, MRR) for our index and for plain MiniSearch
 * on the same chunks, then whole answers (key facts stated; refusing and abstaining when right).
 */
export async function evaluateKnowledge({ documents, questions, models = {}, route }: { documents: ParsedDocument[]; questions: EvalQuestion[]; models?: AiModels; route?: EvalRoute }): Promise<EvalFigures> {
  const chunks = chunksOfDocuments(documents);
  const index = buildKnowledgeIndex(chunks);
  const covered = questions.filter((question) => expectedOutcomeOf(question) === 'answer' && question.document);
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  const ourRanking = (searched: KnowledgeIndex) => (question: EvalQuestion) => searched.search(expandQuestion(cleanQuestion(question.question)), { limit: 10, asked: cleanQuestion(question.question) }).map((hit) => hit.chunk.id);
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
  let wrongAnswers = 0;
  let falseRefusals = 0;
  let rightOutcomes = 0;
  let categorised = 0;
  let rightCategories = 0;
  const styles = new Map<string, { cases: number; right: number; answerCases: number; facts: number; refusals: number }>();
  for (const question of questions) {
    const expected = expectedOutcomeOf(question);
    const routed = route?.(question.question);
    const isRequest = routed !== undefined && ['ticket', 'booking', 'status'].includes(routed.intent);
    // A request that also asks something gets both: the answer leads the confirmation.
    const asked = isRequest ? routed.questionText : question.question;
    const answer = asked === undefined ? undefined : await answerFromKnowledge({ question: asked, index, model: models.chat });
    const answered = answer?.outcome === 'answered';
    const outcome: EvalOutcome = isRequest && !(expected === 'answer' && answered) ? (routed.intent as EvalOutcome) : answer!.outcome === 'answered' ? 'answer' : answer!.outcome === 'abstained' ? 'abstain' : 'out_of_scope';
    const style = styles.get(question.style) ?? { cases: 0, right: 0, answerCases: 0, facts: 0, refusals: 0 };
    styles.set(question.style, style);
    style.cases += 1;
    if (outcome === expected || (expected === 'abstain' && outcome === 'answer' && answer?.citations.some((citation) => citation.section === question.section))) {
      rightOutcomes += 1;
      style.right += 1;
    } else {
      failures.push({ id: question.id, problem: `erwartet ${expected}, erlebt ${outcome}${answer ? ` (Konfidenz ${answer.confidence}, ${answer.citations[0]?.section ?? '-'})` : ''}` });
    }
    if ((expected === 'ticket' || expected === 'booking') && question.category && routed) {
      categorised += 1;
      const category = routed.intent === 'booking' ? 'beratung' : routed.category;
      if (category === question.category) rightCategories += 1;
      else failures.push({ id: question.id, problem: `Kategorie ${category ?? '-'} statt ${question.category}` });
    }
    if (expected === 'answer') {
      style.answerCases += 1;
      if (outcome === 'abstain' || outcome === 'out_of_scope') {
        falseRefusals += 1;
        style.refusals += 1;
      }
      if (answer && answer.outcome === 'answered') {
        rightDecisions += 1;
        const missing = question.keyFacts.filter((fact) => !statesFact(answer.text, fact));
        const citesTarget = answer.chunkIds.some((id) => isTarget(question, index.chunk(id) ?? { documentKey: '', sectionPath: [] }));
        if (missing.length === 0) {
          factHits += 1;
          style.facts += 1;
        } else {
          failures.push({ id: question.id, problem: `fehlt: ${missing.join(', ')}` });
        }
        if ((question.document && !citesTarget) || (question.keyFacts.length > 0 && missing.length === question.keyFacts.length)) {
          wrongAnswers += 1;
          failures.push({ id: question.id, problem: `falsche Antwort (${answer.citations.map((citation) => citation.section).join(' | ')})` });
        }
      }
    } else if (expected === 'out_of_scope' || expected === 'abstain') {
      if (outcome === expected || (expected === 'abstain' && answer?.outcome === 'answered' && answer.citations.some((citation) => citation.section === question.section))) rightDecisions += 1;
    } else if (outcome === expected) {
      rightDecisions += 1;
    }
  }
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const answerCases = questions.filter((question) => expectedOutcomeOf(question) === 'answer').length;
  return {
    questions: questions.length,
    ours,
    miniSearchBaseline,
    keyFactCoverage: round(factHits / Math.max(1, answerCases)),
    abstentionAccuracy: round(rightDecisions / Math.max(1, questions.length)),
    wrongAnswerRate: round(wrongAnswers / Math.max(1, answerCases)),
    falseRefusalRate: round(falseRefusals / Math.max(1, answerCases)),
    outcomeAccuracy: route ? round(rightOutcomes / Math.max(1, questions.length)) : null,
    categoryAccuracy: route ? round(rightCategories / Math.max(1, categorised)) : null,
    byStyle: Object.fromEntries(
      [...styles.entries()].map(([style, figures]) => [
        style,
        { cases: figures.cases, outcomeAccuracy: round(figures.right / figures.cases), keyFactCoverage: round(figures.facts / Math.max(1, figures.answerCases)), falseRefusals: figures.refusals },
      ]),
    ),
    failures,
  };
}
