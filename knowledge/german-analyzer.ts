import { stemmer } from '@orama/stemmers/german';
import { createRequire } from 'node:module';

/**
 * German analysis for retrieval: tokenise, fold umlauts and ß (also the ae/oe/ue spellings people
 * type without a German keyboard), drop stop words, stem with Snowball, expand the programme's
 * abbreviations, and split compounds into parts the corpus knows (Medienentwicklungsplan ->
 * medien + entwicklung + plan). The same function runs over documents and queries.
 */

const stopwordLists = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;
const stopwords = new Set(
  // "Mittel" are funds here, not a filler; "kein" carries the answer.
  [
    ...stopwordLists.de!.map(fold).filter((word) => !['neu', 'neue', 'kein', 'keine', 'mittel', 'mitteln'].includes(word)),
    // Fillers of spoken German the list lacks: "Was macht eigentlich das LFI genau?" is about the LFI.
    ...['eigentlich', 'genau', 'halt', 'bitte', 'inzwischen', 'ungefahr', 'irgendwie', 'nochmal', 'momentan', 'derzeit', 'grad', 'gerne', 'hallo', 'danke', 'gibts', 'okay', 'ok', 'normalerweise'],
  ],
);

/** Abbreviations and synonyms (folded, unstemmed); every word of a group yields the others. */
const synonymGroups: string[][] = [
  ['mep', 'medienentwicklungsplan', 'medienentwicklungsplanung'],
  ['mbk', 'medienbildungskonzept'],
  ['rop', 'rolloutplan'],
  ['lfi', 'landesforderinstitut'],
  ['sdm', 'schuldienstemanagementsystem'],
  ['dp', 'digitalpakt'],
  ['mpz', 'medienpadagogisches'],
  ['mv', 'mecklenburgvorpommern'],
  ['ipad', 'ipads', 'tablet', 'tablets'],
  ['laptop', 'laptops', 'notebook', 'notebooks'],
  ['handy', 'handys', 'smartphone', 'smartphones'],
  ['wlan', 'wifi', 'funknetz'],
  ['beantragen', 'beantrage', 'beantragt', 'antrag', 'antragstellung'],
  ['frist', 'deadline', 'termin'],
  // Verbs and their participles, as people ask ("überarbeitet", "vorbei") and the documents say ("fortgeschrieben", "abgelaufen").
  ['aktualisieren', 'aktualisiert', 'aktualisierung', 'uberarbeiten', 'uberarbeitet', 'uberarbeitung', 'fortschreiben', 'fortgeschrieben', 'fortschreibung'],
  ['angefangen', 'begonnen', 'gestartet', 'beginn', 'start'],
  ['abgelaufen', 'vorbei', 'beendet', 'endet'],
  ['admin', 'admins', 'administrator', 'administratoren', 'systemadministrator', 'itadministrator'],
  ['kredit', 'darlehen'],
  ['helfen', 'hilft', 'unterstutzen', 'unterstutzt', 'unterstutzung'],
  ['beraten', 'berat', 'beratung'],
];

const expansions = new Map<string, string[]>();
for (const group of synonymGroups) {
  for (const word of group) expansions.set(word, group.filter((other) => other !== word));
}

export interface BoundedCache<Key, Value> {
  get(key: Key): Value | undefined;
  /** Stores and returns the value. */
  set(key: Key, value: Value): Value;
  clear(): void;
}

/**
 * A map that forgets what was not used for a while once it holds `capacity` entries: the analysis
 * of a word is cached, and caches keyed by words people type must not grow for the life of the
 * process. Two generations: entries go into the young map; when it is full it becomes the old one
 * and the previous old one is dropped; a hit in the old map moves the entry back to the young one.
 * A lookup stays one Map read on the hot path (lru-cache and quick-lru keep recency or expiry on
 * every read, 11-14 % of the index build at 10,000 sections), and nothing walks past deleted
 * entries (a Map dropping its first key did that: a quarter of the build).
 */
export function createBoundedCache<Key, Value>(capacity: number): BoundedCache<Key, Value> {
  const generationSize = Math.max(1, Math.ceil(capacity / 2));
  let young = new Map<Key, Value>();
  let old = new Map<Key, Value>();
  const store = (key: Key, value: Value) => {
    if (young.size >= generationSize) {
      old = young;
      young = new Map();
    }
    young.set(key, value);
    return value;
  };
  return {
    get(key) {
      const value = young.get(key);
      if (value !== undefined || young.has(key)) return value;
      if (!old.has(key)) return undefined;
      const kept = old.get(key) as Value;
      old.delete(key);
      return store(key, kept);
    },
    set: store,
    clear() {
      young = new Map();
      old = new Map();
    },
  };
}

/** Lowercase and fold umlauts/ß; ae/oe/ue are folded the same way so "foerder" meets "förder". */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/ü/g, 'u')
    .replace(/ß/g, 'ss')
    .replace(/([^aeiouq])ae/g, '$1a')
    .replace(/([^aeiou])oe/g, '$1o')
    .replace(/([^aeiouq])ue/g, '$1u');
}

/**
 * The longest token kept. German compounds of the domain stay far below it
 * ("Medienentwicklungsplanfortschreibung" has 36 letters); longer runs are noise (base64, a
 * hostile one-line mail) and would cost the stemmer and the fuzzy index time that grows with
 * their length.
 */
export const maxTokenLength = 48;

/** Splits text into folded word tokens; keeps numbers (amounts, years) as tokens too. Linear in the text's length. */
export function tokenize(text: string): string[] {
  const normalised = text.replace(/(\d)\.(\d{3})/g, '$1$2');
  const tokens: string[] = [];
  for (const chunk of normalised.split(/[^\p{L}\p{N}-]+/u)) {
    if (chunk === '') continue;
    // Most words have no hyphen: one length check and one cached fold.
    if (!chunk.includes('-')) {
      if (chunk.length <= maxTokenLength) tokens.push(foldWord(chunk));
      continue;
    }
    const words = chunk.split('-').filter(Boolean);
    for (const word of words) if (word.length <= maxTokenLength) tokens.push(foldWord(word));
    // "Roll-Out-Plan" also counts as "rolloutplan", "Mecklenburg-Vorpommern" as one word.
    if (words.length > 1 && words.every((word) => /^\p{L}+$/u.test(word))) {
      const joined = words.join('');
      if (joined.length <= maxTokenLength) tokens.push(foldWord(joined));
    }
  }
  return tokens;
}

// Folding and stemming are pure and the same few thousand words recur in every document and
// question: cached, the analysis costs a map lookup instead of seven regular expressions.
const foldedWords = createBoundedCache<string, string>(50_000);
function foldWord(word: string): string {
  return foldedWords.get(word) ?? foldedWords.set(word, fold(word));
}

const stems = createBoundedCache<string, string>(50_000);
export function stem(word: string): string {
  return stems.get(word) ?? stems.set(word, /^\d+$/.test(word) ? word : stemmer(word));
}

export function isStopword(word: string): boolean {
  return stopwords.has(word);
}

export interface GermanAnalyzer {
  /** Terms of a text for the index or a query (stems, expansions, compound parts). */
  analyze(text: string): string[];
  /** Terms of one folded token (what `analyze` does per word; MiniSearch's processTerm). */
  analyzeWord(word: string): string[];
  /** Content words of a text (no stop words), stemmed, without expansions: for coverage. */
  contentTerms(text: string): string[];
  /** Whether a folded word splits into parts the corpus knows, or ends in a known head ("Waldorfschule"); a known modifier alone is not enough ("Schulhomepage"). */
  isCompoundOfKnownParts(word: string): boolean;
  /** Teaches the analyzer the corpus vocabulary used for compound splitting. */
  learnVocabulary(texts: Iterable<string>): void;
  /** The same from words already tokenized (`tokenize`). */
  learnWords(words: Iterable<string>): void;
}

export function createGermanAnalyzer(): GermanAnalyzer {
  const knownStems = new KnownStems();
  const compoundCache = createBoundedCache<string, string[]>(20_000);
  // Room for the distinct words of a large corpus (15,000 at 10,000 sections): with 20,000 the two
  // generations of 10,000 handed entries back and forth on every section.
  const analyzedWords = createBoundedCache<string, string[]>(50_000);

  function compoundParts(word: string): string[] {
    if (word.length < 9) return [];
    const cached = compoundCache.get(word);
    if (cached) return cached;
    const parts = splitCompound(word, knownStems);
    if (parts.length === 0) parts.push(...knownEnds(word, knownStems));
    compoundCache.set(word, parts);
    return parts;
  }

  function analyzeWord(word: string): string[] {
    return analyzedWords.get(word) ?? analyzedWords.set(word, analyzeUncached(word));
  }

  function analyzeUncached(word: string): string[] {
    if (isStopword(word)) return [];
    const terms = new Set<string>([stem(withoutInfinitiveZu(word))]);
    for (const expansion of expansions.get(word) ?? []) terms.add(stem(expansion));
    for (const part of compoundParts(word)) {
      terms.add(part);
      for (const expansion of expansions.get(part) ?? []) terms.add(stem(expansion));
    }
    return [...terms];
  }

  return {
    analyzeWord,
    isCompoundOfKnownParts: (word) => word.length >= 9 && (splitCompound(word, knownStems).length > 0 || knownHead(word, knownStems) !== undefined),
    analyze(text) {
      return tokenize(text).flatMap(analyzeWord);
    },
    contentTerms(text) {
      return [...new Set(tokenize(text).filter((word) => !isStopword(word) && word.length > 1).map(stem))];
    },
    learnVocabulary(texts) {
      for (const text of texts) learnWords(tokenize(text));
      finishLearning();
    },
    learnWords(words) {
      learnWords(words);
      finishLearning();
    },
  };

  function learnWords(words: Iterable<string>): void {
    // Each distinct word once: a corpus of 10,000 sections has a million tokens and 15,000 words.
    const seen = new Set<string>();
    for (const word of words) {
      if (seen.has(word)) continue;
      seen.add(word);
      if (word.length >= 4 && !isStopword(word) && !/^\d+$/.test(word)) knownStems.add(stem(word));
    }
  }
  function finishLearning(): void {
    for (const base of compoundBases) knownStems.add(base);
    compoundCache.clear();
    analyzedWords.clear();
  }
}

/**
 * A separable verb's infinitive with "zu" ("abzurechnen", "anzuschaffen", "zurückzuzahlen") as the
 * plain infinitive ("abrechnen"), so it meets the verb and its noun ("Abrechnung") of the
 * documents. Only prefix + "zu" + a verb of four letters or more ending like an infinitive.
 */
const infinitiveZu = /^(ab|an|auf|aus|bei|ein|fest|her|hin|los|mit|nach|vor|weg|zuruck|zusammen|um|durch|dazu|bereit|frei|fort|weiter|wieder|vorbei|bekannt|teil|statt|ran|rein|raus)zu([a-z]{3,}(en|ln|rn))$/;
export function withoutInfinitiveZu(word: string): string {
  const match = infinitiveZu.exec(word);
  return match ? `${match[1]}${match[2]}` : word;
}

/** Frequent German compound heads and modifiers of the domain, as stems. */
const compoundBases = ['forder', 'mittel', 'abruf', 'plan', 'konzept', 'schul', 'trag', 'antrag', 'medien', 'bildung', 'entwicklung', 'gerat', 'betrag', 'frist', 'netz', 'kabel', 'server', 'jahr', 'nachweis', 'verwendung', 'kosten', 'programm', 'tafel', 'ausstattung'];

/** Inflection endings the stemmer leaves on a compound's last part ("Netzwerkkabeln"). */
const inflections = ['n', 'en', 'e', 's', 'es', 'er', 'ern'];

/** Letters the German stemmer removes at most (three steps of endings), with room to spare; an inflection ending comes on top. */
const maxStemCut = 20;

/**
 * The stems of the corpus, with a letter tree of them: whether some known stem of at least
 * `minLength` letters starts a piece is one walk along the piece's first letters, where stemming
 * each candidate piece of every compound (most of them nonsense like "ungsfor") cost a third of
 * building the index.
 */
class KnownStems {
  private readonly stems = new Set<string>();
  private readonly tree: LetterNode = { next: new Map(), isStem: false };

  has(stem: string): boolean {
    return this.stems.has(stem);
  }

  add(stem: string): void {
    if (this.stems.has(stem)) return;
    this.stems.add(stem);
    let node = this.tree;
    for (const letter of stem) {
      let next = node.next.get(letter);
      if (!next) node.next.set(letter, (next = { next: new Map(), isStem: false }));
      node = next;
    }
    node.isStem = true;
  }

  startsSomePrefixOf(piece: string, minLength: number): boolean {
    let node: LetterNode | undefined = this.tree;
    for (let length = 1; length <= piece.length; length += 1) {
      node = node.next.get(piece[length - 1]!);
      if (!node) return false;
      if (node.isStem && length >= minLength) return true;
    }
    return false;
  }
}

interface LetterNode {
  next: Map<string, LetterNode>;
  isStem: boolean;
}

/** The known stem a piece of a compound stands for; the last piece may carry an inflection ending. */
function knownForm(piece: string, isLast: boolean, known: KnownStems): string | undefined {
  if (known.has(piece)) return piece;
  // The stemmer only cuts endings (the stem is a prefix, at most a dozen letters shorter): without
  // a known stem that starts the piece there is nothing to find, and no stemming to pay for.
  if (!known.startsSomePrefixOf(piece, piece.length - maxStemCut)) return undefined;
  const stemmed = stem(piece);
  if (known.has(stemmed)) return stemmed;
  if (!isLast) return undefined;
  for (const ending of inflections) {
    if (piece.length - ending.length < 4 || !piece.endsWith(ending)) continue;
    const bare = piece.slice(0, -ending.length);
    if (known.has(bare)) return bare;
    if (known.has(stem(bare))) return stem(bare);
  }
  return undefined;
}

/** The longest known last part of a word (at least 5 letters): "Schule" of "Waldorfschule". */
function knownHead(word: string, known: KnownStems): string | undefined {
  for (let start = 3; start <= word.length - 5; start += 1) {
    const head = knownForm(word.slice(start), true, known);
    if (head) return head;
  }
  return undefined;
}

/** What follows a stem in a derived word rather than a compound ("Schul|ungen"). */
const derivation = /^(ung|heit|keit|lich|isch|bar|ig|er|en|e)/;

/**
 * For a compound with a part the corpus does not know ("Waldorfschule", "Planungsbüro"): its
 * longest known head and its longest known modifier (at least 5 letters, not a derivation).
 */
function knownEnds(word: string, known: KnownStems): string[] {
  const head = knownHead(word, known);
  const ends = head ? [head] : [];
  for (let end = word.length - 4; end >= 5; end -= 1) {
    if (derivation.test(word.slice(end))) continue;
    const modifier = knownForm(word.slice(0, end), false, known);
    if (modifier) {
      if (!ends.includes(modifier)) ends.push(modifier);
      break;
    }
  }
  return ends;
}

/**
 * Greedy-with-backtracking split of a folded word into known stems of at least 4 letters
 * (allowing the linking letters s/es/n/en between parts). Returns the parts, or [] when the word
 * is not a compound of known parts.
 */
function splitCompound(word: string, known: KnownStems): string[] {
  const best: string[][] = [];
  function walk(rest: string, parts: string[]): void {
    if (best.length > 0) return;
    if (rest.length === 0) {
      if (parts.length >= 2) best.push(parts);
      return;
    }
    for (let end = rest.length; end >= 4; end -= 1) {
      const piece = rest.slice(0, end);
      const candidate = knownForm(piece, rest.length === end, known);
      if (!candidate) continue;
      let remainder = rest.slice(end);
      walk(remainder, [...parts, candidate]);
      for (const linker of ['s', 'es', 'n', 'en', 'e']) {
        if (best.length > 0) return;
        if (remainder.startsWith(linker) && remainder.length > linker.length + 3) {
          walk(remainder.slice(linker.length), [...parts, candidate]);
        }
      }
      remainder = '';
    }
  }
  walk(word, []);
  return best[0] ?? [];
}
