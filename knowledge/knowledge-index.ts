import MiniSearch, { type SearchResult } from 'minisearch';
import { createGermanAnalyzer, tokenize, type GermanAnalyzer } from './german-analyzer.ts';

/** A chunk as the index and the answer composer see it. */
export interface KnowledgeChunkRecord {
  id: string;
  documentKey: string;
  documentTitle: string;
  documentVersion: number;
  sectionPath: string[];
  text: string;
  sourceUrls: string[];
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
  /** Long content words of the query that occur nowhere in the knowledge base (not even fuzzily). */
  unknownWords: string[];
  /** Number of content words of the query. */
  contentWordCount: number;
}

export interface KnowledgeIndex {
  size: number;
  search(query: string, options?: { limit?: number }): SearchHit[];
  chunk(id: string): KnowledgeChunkRecord | undefined;
  /** The first chunk of a document whose heading starts with `headingPrefix`. */
  findSection(documentKey: string, headingPrefix: string): KnowledgeChunkRecord | undefined;
  analyzer: GermanAnalyzer;
}

interface IndexedFields {
  id: string;
  title: string;
  heading: string;
  text: string;
}

/**
 * BM25 ranking from MiniSearch with the German analyzer plugged into its pipeline; typo tolerance
 * from MiniSearch's fuzzy matching on longer terms. Headings weigh double: they name the topic.
 */
export function buildKnowledgeIndex(chunks: KnowledgeChunkRecord[]): KnowledgeIndex {
  const analyzer = createGermanAnalyzer();
  analyzer.learnVocabulary(chunks.map((chunk) => `${chunk.sectionPath.join(' ')} ${chunk.text}`));
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  const miniSearch = new MiniSearch<IndexedFields>({
    fields: ['title', 'heading', 'text'],
    tokenize,
    processTerm: (term) => analyzer.analyzeWord(term),
    searchOptions: {
      boost: { heading: 3, title: 1.5 },
      fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
      prefix: (term) => term.length >= 5,
      weights: { fuzzy: 0.4, prefix: 0.3 },
    },
  });
  miniSearch.addAll(
    chunks.map((chunk) => ({
      id: chunk.id,
      title: chunk.documentTitle,
      heading: chunk.sectionPath.join(' '),
      text: chunk.text,
    })),
  );

  function coverageOf(query: string, result: SearchResult): number {
    const words = [...new Set(tokenize(query))].filter((word) => analyzer.analyzeWord(word).length > 0);
    if (words.length === 0) return 0;
    const matched = new Set(result.queryTerms);
    const covered = words.filter((word) => analyzer.analyzeWord(word).some((term) => matched.has(term)));
    return covered.length / words.length;
  }

  // Words of at least 7 letters are the topic nouns; one the corpus never mentions means the
  // documents are probably about something else (e.g. "Heizungsanlage").
  const knownCache = new Map<string, boolean>();
  function isKnown(word: string): boolean {
    const cached = knownCache.get(word);
    if (cached !== undefined) return cached;
    const known = miniSearch.search(word, { boost: {}, fuzzy: 0.2, prefix: true }).length > 0;
    knownCache.set(word, known);
    return known;
  }
  function unknownWordsOf(query: string): string[] {
    return [...new Set(tokenize(query))].filter((word) => word.length >= 11 && !/\d/.test(word) && analyzer.analyzeWord(word).length > 0 && !isKnown(word));
  }

  return {
    size: chunks.length,
    analyzer,
    chunk: (id) => byId.get(id),
    findSection: (documentKey, headingPrefix) =>
      chunks.find((chunk) => chunk.documentKey === documentKey && (chunk.sectionPath.at(-1) ?? '').startsWith(headingPrefix)),
    search(query, { limit = 5 } = {}) {
      const unknownWords = unknownWordsOf(query);
      const contentWordCount = [...new Set(tokenize(query))].filter((word) => analyzer.analyzeWord(word).length > 0).length;
      return miniSearch
        .search(query)
        .slice(0, limit)
        .flatMap((result) => {
          const chunk = byId.get(String(result.id));
          return chunk ? [{ chunk, score: result.score, coverage: coverageOf(query, result), unknownWords, contentWordCount }] : [];
        });
    },
  };
}
