import { createBoundedCache, createGermanAnalyzer, stem, tokenize, type GermanAnalyzer } from './german-analyzer.ts';
import { createImpactIndex, type ImpactHit } from './impact-index.ts';

/** A chunk as the index and the answer composer see it. */
export interface KnowledgeChunkRecord {
  id: string;
  documentKey: string;
  documentTitle: string;
  documentVersion: number;
  sectionPath: string[];
  text: string;
  sourceUrls: string[];
  /** Questions the section declares it answers ("Fragen:" lines); searched, never shown. */
  questions?: string[];
  validFrom: Date | null;
  validUntil: Date | null;
  programme: string | null;
  embedding?: number[];
}

export interface SearchHit {
  chunk: KnowledgeChunkRecord;
  score: number;
  /** Share of the query's content words the chunk matched (0..1). */
  coverage: number;
  /** The same share with each word weighted by how rare it is in the knowledge base: the topic words count, "DigitalPakt" hardly. */
  topicCoverage: number;
  /** Long content words of the query that occur nowhere in the knowledge base (not even fuzzily). */
  unknownWords: string[];
  /** Number of content words of the query. */
  contentWordCount: number;
}

export interface KnowledgeIndex {
  size: number;
  /**
   * `query` is what is searched (the question with its expansion cues); `asked`, when given, is
   * the question as the person wrote it: closeness to a declared question and which words are
   * nouns are judged on it, so cues ("förderfähig" for "gibt es Geld") do not dilute the match.
   */
  search(query: string, options?: { limit?: number; asked?: string }): SearchHit[];
  chunk(id: string): KnowledgeChunkRecord | undefined;
  /** The first chunk of a document whose heading starts with `headingPrefix`. */
  findSection(documentKey: string, headingPrefix: string): KnowledgeChunkRecord | undefined;
  analyzer: GermanAnalyzer;
}

/**
 * How sections are ranked, in MiniSearch's option names (the index ranks as MiniSearch would with
 * them; test/knowledge/impact-index.test.ts holds the two side by side). Tuned on the eval and two
 * held-out sets of 59 and 54 questions written afterwards: the declared questions say most about
 * what a section answers, then its heading.
 */
export const rankingSettings = {
  fields: ['title', 'heading', 'questions', 'text'],
  boost: { heading: 2, questions: 2.5, title: 1 } as Partial<Record<string, number>>,
  fuzzy: (term: string): number | false => (term.length >= 6 ? 0.2 : false),
  prefix: (term: string) => term.length >= 5,
  weights: { fuzzy: 0.4, prefix: 0.3 },
};

/** A section's texts in the order of `rankingSettings.fields`. */
export const sectionFields = (chunk: KnowledgeChunkRecord) => [chunk.documentTitle, chunk.sectionPath.join(' '), (chunk.questions ?? []).join(' '), chunk.text];

/**
 * BM25 ranking as MiniSearch's (impact-index.ts) with the German analyzer as its pipeline; typo
 * tolerance by fuzzy matching on longer terms. Headings and the questions a section declares
 * weigh most: they name the topic in the words people use.
 */
export function buildKnowledgeIndex(chunks: KnowledgeChunkRecord[]): KnowledgeIndex {
  const analyzer = createGermanAnalyzer();
  // Each section is tokenized once, for the vocabulary (title aside) and for the index.
  const tokens = chunks.map((chunk) => sectionFields(chunk).map(tokenize));
  analyzer.learnWords(
    (function* () {
      for (const fields of tokens) for (let field = 1; field < fields.length; field += 1) yield* fields[field]!;
    })(),
  );
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  // In how many sections each term occurs (title aside): rare terms ("Windhundprinzip") name a
  // question's topic. Counted while indexing, one section at a time, so the text is analysed once.
  const sectionCounts = new Map<string, number>();
  let sectionTerms = new Set<string>();
  const builder = createImpactIndex({
    ...rankingSettings,
    tokenize,
    processTerm(term, fieldName) {
      const terms = analyzer.analyzeWord(term);
      if (fieldName !== 'title') for (const indexed of terms) sectionTerms.add(indexed);
      return terms;
    },
  });
  chunks.forEach((chunk, position) => {
    sectionTerms = new Set();
    builder.addTokens(chunk.id, tokens[position]!);
    for (const term of sectionTerms) sectionCounts.set(term, (sectionCounts.get(term) ?? 0) + 1);
  });
  const impactIndex = builder.build();
  // Every term the index holds, for the unknown-word check: a lookup in this tree answers what a
  // fuzzy prefix search over the whole index answered before, without scoring any document.
  const vocabulary = impactIndex.terms;
  const rarityOf = (term: string) => {
    const count = sectionCounts.get(term);
    if (!count || chunks.length < 2) return 1;
    return Math.log(chunks.length / count) / Math.log(chunks.length);
  };

  // Long words are the topic nouns (11 letters and more, or 9 and more with a noun's ending:
  // "Turnhalle", "Sanierung", but not "umstellen" or "Ignoriere"); one the corpus never
  // mentions, not even with a typo or as the start of a longer word, means the documents are
  // probably about something else (e.g. "Heizungsanlage"). Same tolerance as a search with fuzzy 0.2 and prefix.
  const knownWords = createBoundedCache<string, boolean>(5_000);
  function isIndexed(term: string): boolean {
    if (vocabulary.has(term)) return true;
    for (const _completion of vocabulary.atPrefix(term).keys()) return true;
    const maxDistance = Math.min(6, Math.round(term.length * 0.2));
    return maxDistance > 0 && vocabulary.fuzzyGet(term, maxDistance).size > 0;
  }
  function isKnown(word: string, terms: string[]): boolean {
    // The word itself, or all of its parts: "Schulhomepage" is not known because "Schule" is.
    return knownWords.get(word) ?? knownWords.set(word, (terms[0] !== undefined && isIndexed(terms[0])) || analyzer.isCompoundOfKnownParts(word));
  }

  /** The query's distinct content words with their terms, analysed once per search. */
  function contentWordsOf(query: string): { word: string; terms: string[] }[] {
    return [...new Set(tokenize(query))].map((word) => ({ word, terms: analyzer.analyzeWord(word) })).filter(({ terms }) => terms.length > 0);
  }
  /** Share of the query's words the result matched; a word the corpus does not know counts as unmatched even when a part of it matched ("Schulhomepage" by "Schule"). */
  function coverageOf(words: { word: string; terms: string[] }[], result: ImpactHit, unknown: Set<string>): { coverage: number; topicCoverage: number } {
    if (words.length === 0) return { coverage: 0, topicCoverage: 0 };
    const matched = new Set(result.queryTerms);
    let count = 0;
    let weight = 0;
    let total = 0;
    for (const { word, terms } of words) {
      // A word the corpus does not know weighs as much as the rarest.
      const rarity = unknown.has(word) || terms[0] === undefined ? 1 : rarityOf(terms[0]);
      total += rarity;
      if (unknown.has(word) || !terms.some((term) => matched.has(term))) continue;
      count += 1;
      weight += rarity;
    }
    return { coverage: count / words.length, topicCoverage: total > 0 ? weight / total : 0 };
  }

  // The analysed terms of every declared question, computed once.
  const declaredTerms = new Map(chunks.map((chunk) => [chunk.id, (chunk.questions ?? []).map((question) => ({ terms: new Set(analyzer.analyze(question)), opening: openingInterrogative(question) }))]));
  /**
   * A query that is nearly one of a section's declared questions, or contains one, gets that
   * section first (up to ×1.6). Not when one asks who or yes/no and the other something else: "Was
   * gehört in den MEP?" shares its words with "Wer gehört zum MEP-Team?" but not its question.
   */
  function closestDeclared(queryTerms: Set<string>, queryOpening: string | undefined, chunk: KnowledgeChunkRecord): number {
    let best = 0;
    for (const { terms, opening } of declaredTerms.get(chunk.id) ?? []) {
      if (terms.size === 0 || queryTerms.size === 0) continue;
      if (queryOpening && opening && queryOpening !== opening && (queryOpening === 'wer' || opening === 'wer' || queryOpening === 'ja/nein' || opening === 'ja/nein')) continue;
      const shared = [...terms].filter((term) => queryTerms.has(term)).length;
      // Overlap of both; a longer query that contains all of a declared question (four terms or
      // more) plus its own context still asks it (measured: hit@1 0.751 -> 0.755, wrong 0.182 -> 0.178).
      const isContained = terms.size >= 4 && shared === terms.size;
      best = Math.max(best, shared / (terms.size + queryTerms.size - shared), isContained ? 0.75 : 0);
    }
    return best >= 0.5 ? 1 + 1.2 * (best - 0.5) : 1;
  }

  return {
    size: chunks.length,
    analyzer,
    chunk: (id) => byId.get(id),
    findSection: (documentKey, headingPrefix) =>
      chunks.find((chunk) => chunk.documentKey === documentKey && (chunk.sectionPath.at(-1) ?? '').startsWith(headingPrefix)),
    search(query, { limit = 5, asked = query } = {}) {
      const words = contentWordsOf(query);
      const askedTerms = asked === query ? undefined : new Set(contentWordsOf(asked).flatMap(({ terms }) => terms));
      const unknownWords = words.filter(({ word, terms }) => isTopicNounShaped(word) && !isKnown(word, terms)).map(({ word }) => word);
      const unknownSet = new Set(unknownWords);
      const kind = questionKindOf(query);
      const queryOpening = openingInterrogative(query);
      const wantsExamples = asksForExamples.test(query);
      const wantsSuccessor = namesSuccessor.test(query);
      const queryTerms = new Set(words.flatMap(({ terms }) => terms));
      // Each distinct term once, and a word's derived terms (synonyms, compound parts) share the
      // weight of its own stem: "Mecklenburg-Vorpommern" yields six terms and would otherwise
      // outweigh "Eigenanteil" (measured: hit@3 0.909 -> 0.917; a flat lower weight was worse).
      const termWeights = new Map<string, number>();
      const nouns = nounsOf(asked);
      for (const { word, terms: allTerms } of words) {
        const wordClass = nouns.has(word) ? nounWeight : frameVerbs.has(allTerms[0] ?? '') ? frameVerbWeight : 1;
        // The parts of a word the corpus does not know weigh half: its known modifier alone
        // ("Schul-" in "Schulhomepage") would make a question about something else look answered.
        const share = unknownSet.has(word) ? 0.5 : 1;
        allTerms.forEach((term, position) => {
          const weight = position === 0 ? 1 : share / Math.sqrt(allTerms.length - 1);
          termWeights.set(term, Math.max(termWeights.get(term) ?? 0, weight * wordClass * rarityOf(term)));
        });
      }
      const distinctTerms = [...termWeights.keys()];
      return impactIndex
        .search(distinctTerms.map((term) => ({ term, boost: termWeights.get(term) ?? 1 })), Math.max(limit, rerankDepth))
        .flatMap((result) => {
          const chunk = byId.get(result.id);
          const { coverage, topicCoverage } = coverageOf(words, result, unknownSet);
          // A section that matches more of the question's words beats one that matches its topic word many times.
          return chunk ? [{ chunk, score: result.score * fitOf(kind, chunk, wantsExamples) * programmeFit(chunk, wantsSuccessor) * closestDeclared(askedTerms ?? queryTerms, queryOpening, chunk) * (0.5 + coverage), coverage, topicCoverage, unknownWords, contentWordCount: words.length }] : [];
        })
        .sort((left, right) => right.score - left.score)
        .slice(0, limit);
    },
  };
}

/** Endings only nouns have (folded): derivations and the heads of building and place words. */
const nounEnding = /(ung|heit|keit|schaft|tion|tat|nis|ium|ismus|halle|anlage|gebaude|platz|raum|haus|zimmer)$/;

/** Whether a query word is long enough, and shaped like a noun, to name what the question is about. */
function isTopicNounShaped(word: string): boolean {
  if (/\d/.test(word)) return false;
  return word.length >= 11 || (word.length >= 9 && nounEnding.test(word));
}

/**
 * The interrogative a question opens with, "wer" for wer/wen/wem and "ja/nein" for a verb ("Können
 * Schulen …?"): what kind of answer it wants. "Wer kann Fördermittel beantragen?" shares its words
 * with "Können Schulen selbst einen Antrag stellen?", whose answer starts with "Nein".
 */
function openingInterrogative(question: string): string | undefined {
  const opening = /^\s*(\p{L}+)(?:\s+(\p{L}+))?/u.exec(question);
  const first = opening?.[1]?.toLowerCase();
  if (!first) return undefined;
  // "Bis wann", "ab wann", "seit wann" ask when.
  if (['bis', 'ab', 'seit'].includes(first) && opening?.[2]?.toLowerCase() === 'wann') return 'wann';
  if (['wer', 'wen', 'wem', 'wessen'].includes(first)) return 'wer';
  if (/^(können|kann|dürfen|darf|müssen|muss|ist|sind|gibt|wird|werden|gilt|zählt|brauchen|braucht|haben|hat|soll|sollen|bekommen|bekommt)$/.test(first)) return 'ja/nein';
  return ['was', 'wann', 'wie', 'wo', 'wofür', 'wozu', 'woher', 'warum', 'wieso', 'weshalb', 'welche', 'welcher', 'welches', 'welchen'].includes(first) ? first : undefined;
}

/** How much more a noun of the question weighs, and a framing verb (measured on the eval: wrong answers 0.045 -> 0.041 with both). */
const nounWeight = 1.3;
const frameVerbWeight = 0.5;
/**
 * Verbs that frame nearly every question of the programme ("Können wir X kaufen / anschaffen /
 * bezahlen?"), compared as stems. They say the question is about funding X, not what X is, so they weigh
 * less than the topic words.
 */
const frameVerbs = new Set(
  ['kaufen', 'kauft', 'gekauft', 'anschaffen', 'angeschafft', 'beschaffen', 'bezahlen', 'bezahlt', 'zahlen', 'zahlt', 'finanzieren', 'finanziert', 'bekommen', 'kriegen', 'kriegt', 'nutzen', 'nutzt', 'genutzt', 'verwenden', 'verwendet', 'einsetzen', 'eingesetzt', 'machen', 'macht', 'gemacht', 'holen', 'holt', 'geholt', 'nehmen', 'nimmt', 'besorgen', 'besorgt'].map(stem),
);
/**
 * The words a question capitalises inside a sentence: in German, its nouns, which name the topic
 * ("Dokumentenkameras anschaffen" is about the cameras, not about buying). Only when the writer
 * uses case at all (some word of four letters or more in lower case): all-lowercase chat says nothing.
 */
function nounsOf(query: string): Set<string> {
  const nouns = new Set<string>();
  if (!/(^|\s)[a-zäöüß]{4,}\b/.test(query)) return nouns;
  for (const match of query.matchAll(/(^|[.?!:;]\s*|\s)([A-ZÄÖÜ][\p{L}-]*)/gu)) {
    const opensSentence = match.index === 0 || /[.?!:;]/.test(match[1] ?? '');
    if (!opensSentence) for (const token of tokenize(match[2]!)) nouns.add(token);
  }
  return nouns;
}

/** A question about the follow-up programme ("DigitalPakt 2.0", "der neue Digitalpakt"). */
const namesSuccessor = /\b(digital ?pakt|dp)\s*(2|ii)\b|\bneue[nmrs]? digital ?pakt|\b(nachfolge\w*|folgeprogramm des digitalpakt\w*)/i;
/**
 * Asked about the DigitalPakt 2.0, its sections come before the base programme's figures (which
 * match "Geld", "MV", "DigitalPakt" just as well). Without it nothing changes: a penalty on the
 * successor's sections for other questions changed no answer of the eval.
 */
function programmeFit(chunk: KnowledgeChunkRecord, wantsSuccessor: boolean): number {
  return wantsSuccessor && /\b2\.0\b/.test(chunk.programme ?? '') ? 1.3 : 1;
}

/** A question that asks how others did it or for examples. */
const asksForExamples = /\b(beispiel\w*|andere[nr]?\s+(gemeinden|schulträger|träger|städte|ämter|kommunen|landkreise|schulen)|wie (haben|machen|macht) (das |es )?andere|anderswo|vorbild\w*)\b/i;

/** How many lexical hits the question-type ranking looks at. */
const rerankDepth = 12;

export type QuestionKind = 'who' | 'when' | 'how_much' | 'yes_no' | 'what_is' | 'other';

/** What kind of answer a question wants, from its first interrogative ("bis wann" is a when). */
export function questionKindOf(question: string): QuestionKind {
  const text = question.toLowerCase();
  if (/\b(wie ?viele?|wie hoch|welcher betrag|wieviel)\b/.test(text)) return 'how_much';
  if (/\b(bis wann|wann|ab wann|wie lange|frist|stichtag|deadline)\b/.test(text)) return 'when';
  if (/\b(wer|wen|wem|an wen|zuständig)\b/.test(text)) return 'who';
  // "Was ist der ROP?", "Was bedeutet eigentlich Erstattungsprinzip?": a definition (a short noun phrase, not "Was ist, wenn …").
  if (/^\s*(was (ist|sind|bedeutet|bedeuten|heißt|heisst|meint)|was versteht man unter|wofür steht)( eigentlich| genau| denn)*( (ein|eine|einen|der|die|das|dieser|diese|dieses|mit|unter|unser|unsere))?( [\p{L}\d.-]+){1,3}\s*\??\s*$/iu.test(text)) return 'what_is';
  if (/^\s*(können|koennen|dürfen|duerfen|darf|kann|müssen|muessen|muss|ist|sind|gibt|wird|werden|gilt|zählt|brauchen|braucht)\b/.test(text)) return 'yes_no';
  return 'other';
}

/** Whether the section declares a question of this kind ("Wer stellt den Antrag?" is a who). */
export function declaresKind(chunk: KnowledgeChunkRecord, kind: QuestionKind): boolean {
  return kind !== 'other' && (chunk.questions ?? []).some((question) => questionKindOf(question) === kind);
}

/**
 * A section fits a question when what it declares or contains is what the question asks for:
 * dates for "wann", amounts for "wie viel", a declared question of the same kind. Sections
 * without a heading (a document's introduction) rarely answer anything themselves.
 */
function fitOf(kind: QuestionKind, chunk: KnowledgeChunkRecord, wantsExamples: boolean): number {
  let fit = chunk.sectionPath.length === 0 ? 0.6 : 1;
  // Examples illustrate a rule; unless asked for, the rule answers ("wie viel pro Schüler" wants the amount, not Kalkhorst's grant).
  if (!wantsExamples && /^Beispiele?\b/.test(chunk.sectionPath.at(-1) ?? '')) fit *= 0.75;
  if (declaresKind(chunk, kind)) fit *= 1.15;
  if (kind === 'what_is' && /^(Was ist|Was sind|Wer ist|Was bedeutet)\b/.test(chunk.sectionPath.at(-1) ?? '')) fit *= 1.3;
  if (kind === 'when' && /\b\d{1,2}\.\d{1,2}\.\d{4}\b|\bFrist\b/.test(chunk.text)) fit *= 1.15;
  if (kind === 'how_much' && /\d[\d.]*(,\d+)? ?(EUR|Euro|€|Mio|Mrd|%|Prozent)|\b\d{2,3}(\.\d{3})? (Schul|Lehrkr|Geräte|Schüler)/.test(chunk.text)) fit *= 1.15;
  return fit;
}

