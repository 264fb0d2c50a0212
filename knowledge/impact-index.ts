import SearchableMap from 'minisearch/SearchableMap';
import { createBoundedCache } from './german-analyzer.ts';

/**
 * A full-text index that ranks like MiniSearch (BM25+ per field with field boosts, prefix and
 * fuzzy variants of each query term at reduced weight, scores summed over the terms and multiplied
 * by the number of query terms matched) but scores from precomputed impacts: each term's postings
 * are typed arrays of documents and their summed field scores, so a query is a few additions per
 * posting instead of MiniSearch's map of result objects per term and field. At 10,000 sections
 * MiniSearch spent 76 % of a 24 ms query building and merging those maps. Kept equal to MiniSearch
 * rank for rank by test/knowledge/impact-index.test.ts.
 */
export interface ImpactIndexOptions {
  /** Field names, in the order `add` receives their texts. */
  fields: readonly string[];
  boost: Partial<Record<string, number>>;
  tokenize: (text: string) => string[];
  processTerm: (token: string, field: string) => string[];
  /** Typo tolerance of a query term, as MiniSearch's `fuzzy` option (share of its length, or false). */
  fuzzy: (term: string) => number | false;
  /** Whether longer terms starting with a query term count, as MiniSearch's `prefix` option. */
  prefix: (term: string) => boolean;
  weights: { fuzzy: number; prefix: number };
}

export interface ImpactHit {
  id: string;
  score: number;
  /** The query terms this document matched (exactly, by prefix or by a typo variant). */
  queryTerms: string[];
}

export interface ImpactIndex {
  /** Every indexed term. */
  terms: SearchableMap<true>;
  /** The best `limit` documents for the query terms, each with its weight (MiniSearch's `boostTerm`). */
  search(query: { term: string; boost: number }[], limit: number): ImpactHit[];
}

// MiniSearch's defaults, which the knowledge index has always used.
const bm25 = { k: 1.2, b: 0.7, d: 0.5 };
const maxFuzzy = 6;

const bm25Score = (termFrequency: number, matching: number, total: number, length: number, averageLength: number) =>
  Math.log(1 + (total - matching + 0.5) / (matching + 0.5)) * (bm25.d + (termFrequency * (bm25.k + 1)) / (termFrequency + bm25.k * (1 - bm25.b + (bm25.b * length) / averageLength)));

interface Postings {
  documents: Int32Array;
  impacts: Float64Array;
}

export function createImpactIndex(options: ImpactIndexOptions) {
  const ids: string[] = [];
  // Per field: term -> the documents holding it and how often (parallel arrays, documents ascending),
  // and each document's number of distinct tokens.
  const frequencies = options.fields.map(() => new Map<string, { documents: number[]; counts: number[] }>());
  const lengths = options.fields.map(() => [] as number[]);
  const counted = new Map<string, number>();
  const occurrences = new Map<string, number>();

  return {
    add(id: string, texts: readonly string[]): void {
      this.addTokens(id, options.fields.map((_field, fieldIndex) => options.tokenize(texts[fieldIndex] ?? '')));
    },
    /** `add` for texts already tokenized, per field. */
    addTokens(id: string, tokensPerField: readonly (readonly string[])[]): void {
      const document = ids.push(id) - 1;
      options.fields.forEach((field, fieldIndex) => {
        // Each distinct token is processed once and counts as often as it occurs.
        occurrences.clear();
        for (const token of tokensPerField[fieldIndex] ?? []) occurrences.set(token, (occurrences.get(token) ?? 0) + 1);
        lengths[fieldIndex]!.push(occurrences.size);
        counted.clear();
        for (const [token, times] of occurrences) for (const term of options.processTerm(token, field)) counted.set(term, (counted.get(term) ?? 0) + times);
        const byTerm = frequencies[fieldIndex]!;
        for (const [term, count] of counted) {
          let postings = byTerm.get(term);
          if (!postings) byTerm.set(term, (postings = { documents: [], counts: [] }));
          postings.documents.push(document);
          postings.counts.push(count);
        }
      });
    },
    build(): ImpactIndex {
      const total = ids.length;
      const averages = lengths.map((values) => (values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : 0));
      const terms = new SearchableMap<true>();
      const postings = new Map<string, Postings>();
      const allTerms = new Set(frequencies.flatMap((byTerm) => [...byTerm.keys()]));
      for (const term of allTerms) {
        terms.set(term, true);
        const impactOf = new Map<number, number>();
        options.fields.forEach((field, fieldIndex) => {
          const inField = frequencies[fieldIndex]!.get(term);
          if (!inField) return;
          const boost = options.boost[field] ?? 1;
          const matching = inField.documents.length;
          inField.documents.forEach((document, index) => {
            const score = boost * bm25Score(inField.counts[index]!, matching, total, lengths[fieldIndex]![document]!, averages[fieldIndex]!);
            impactOf.set(document, (impactOf.get(document) ?? 0) + score);
          });
        });
        const documents = Int32Array.from([...impactOf.keys()].sort((left, right) => left - right));
        postings.set(term, { documents, impacts: Float64Array.from(documents, (document) => impactOf.get(document)!) });
      }
      frequencies.length = 0;

      // The variants of a query term (itself, longer terms it starts, typo variants) with their
      // weights, as MiniSearch derives them; computed once per distinct term.
      const variantsOf = createBoundedCache<string, { postings: Postings; weight: number }[]>(20_000);
      function variants(term: string) {
        const cached = variantsOf.get(term);
        if (cached) return cached;
        const found: { postings: Postings; weight: number }[] = [];
        const exact = postings.get(term);
        if (exact) found.push({ postings: exact, weight: 1 });
        const prefixed = new Set<string>();
        if (options.prefix(term)) {
          for (const longer of terms.atPrefix(term).keys()) {
            const distance = longer.length - term.length;
            if (distance === 0) continue;
            prefixed.add(longer);
            found.push({ postings: postings.get(longer)!, weight: (options.weights.prefix * longer.length) / (longer.length + 0.3 * distance) });
          }
        }
        const fuzzy = options.fuzzy(term);
        const maxDistance = fuzzy === false ? 0 : fuzzy < 1 ? Math.min(maxFuzzy, Math.round(term.length * fuzzy)) : fuzzy;
        if (maxDistance > 0) {
          for (const [variant, [, distance]] of terms.fuzzyGet(term, maxDistance)) {
            if (distance === 0 || prefixed.has(variant)) continue;
            found.push({ postings: postings.get(variant)!, weight: (options.weights.fuzzy * variant.length) / (variant.length + distance) });
          }
        }
        return variantsOf.set(term, found);
      }

      // Scratch space reused by every query (the index serves one query at a time).
      const scores = new Float64Array(total);
      const matchedCount = new Uint16Array(total);
      const lastQueryTerm = new Int32Array(total).fill(-1);
      let masks = new Uint32Array(total);
      const touched: number[] = [];

      return {
        terms,
        search(query, limit) {
          const words = Math.max(1, Math.ceil(query.length / 32));
          if (masks.length !== total * words) masks = new Uint32Array(total * words);
          touched.length = 0;
          query.forEach(({ term, boost }, position) => {
            const bit = 1 << (position & 31);
            const word = position >> 5;
            for (const { postings: list, weight } of variants(term)) {
              const factor = weight * boost;
              const { documents, impacts } = list;
              for (let index = 0; index < documents.length; index += 1) {
                const document = documents[index]!;
                if (lastQueryTerm[document] === -1) touched.push(document);
                if (lastQueryTerm[document] !== position) {
                  if (lastQueryTerm[document] === -1) scores[document] = 0;
                  lastQueryTerm[document] = position;
                  matchedCount[document] = matchedCount[document]! + 1;
                  masks[document * words + word] = masks[document * words + word]! | bit;
                }
                scores[document] = scores[document]! + factor * impacts[index]!;
              }
            }
          });
          // The best `limit` by score times the number of query terms matched; ties keep the order found.
          const best: { document: number; score: number }[] = [];
          for (const document of touched) {
            const score = scores[document]! * matchedCount[document]!;
            if (best.length === limit && score <= best[best.length - 1]!.score) continue;
            let at = best.length;
            while (at > 0 && best[at - 1]!.score < score) at -= 1;
            best.splice(at, 0, { document, score });
            if (best.length > limit) best.pop();
          }
          const hits = best.map(({ document, score }) => ({
            id: ids[document]!,
            score,
            queryTerms: query.filter((_, position) => (masks[document * words + (position >> 5)]! & (1 << (position & 31))) !== 0).map(({ term }) => term),
          }));
          for (const document of touched) {
            lastQueryTerm[document] = -1;
            matchedCount[document] = 0;
            masks.fill(0, document * words, document * words + words);
          }
          return hits;
        },
      };
    },
  };
}
