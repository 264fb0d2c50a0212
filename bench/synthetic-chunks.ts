import type { KnowledgeChunkRecord } from '../knowledge/knowledge-index.ts';
import { createSeededRandom, type SeededRandom } from './seeded-random.ts';

/**
 * Pads a corpus with synthetic German chunks so retrieval can be measured at a larger size while
 * the real chunks stay the targets of the eval set. Each synthetic chunk recombines sentences of
 * the real documents with other nouns, places and numbers: the same vocabulary and style (so the
 * distractors compete for the same words), but never a verbatim copy of a real section.
 */
export interface PadCorpusOptions {
  chunks: KnowledgeChunkRecord[];
  /** Total number of chunks wanted (real + synthetic). */
  size: number;
  seed?: number;
}

const places = [
  'Schwerin', 'Rostock', 'Wismar', 'Greifswald', 'Stralsund', 'Neubrandenburg', 'Güstrow', 'Waren (Müritz)', 'Parchim', 'Ludwigslust',
  'Pasewalk', 'Anklam', 'Demmin', 'Bergen auf Rügen', 'Ribnitz-Damgarten', 'Hagenow', 'Teterow', 'Malchin', 'Ueckermünde', 'Grevesmühlen',
  'Sternberg', 'Bützow', 'Lübz', 'Plau am See', 'Boizenburg', 'Wolgast', 'Barth', 'Torgelow', 'Neustrelitz', 'Friedland', 'Crivitz', 'Gnoien',
];
const boards = ['Landkreis', 'Amt', 'Gemeinde', 'Hansestadt', 'Stadt', 'Zweckverband'];
/** The programme's abbreviations are swapped for those of other municipal fields. */
const programmeAbbreviations = /\b(MEP|MBK|ROP|LFI|SDM|DP|MPZ|DigitalPakt)\b/gu;
const otherAbbreviations = ['KAG', 'FAG', 'BauGB', 'ÖPNV', 'KiföG', 'ISEK', 'GRW', 'EFRE', 'LEADER', 'KIP', 'BSI', 'OZG', 'FFW', 'KdU'];
/**
 * Nouns of other municipal topics: a larger knowledge base of a public body covers more than one
 * programme, so most swapped nouns come from here and the padding is about other things
 * in the same words and style, not near-copies of the answers.
 */
const otherTopicNouns = [
  'Abwasserbeseitigung', 'Bauhof', 'Bebauungsplan', 'Bibliothek', 'Brandschutz', 'Breitbandausbau', 'Bürgerbüro', 'Denkmalschutz', 'Dorfgemeinschaftshaus',
  'Eingliederungshilfe', 'Feuerwehr', 'Feuerwehrgerätehaus', 'Friedhofssatzung', 'Gewerbesteuer', 'Grundsteuer', 'Hafenordnung', 'Haushaltssatzung',
  'Hochwasserschutz', 'Jugendclub', 'Kindertagesstätte', 'Kitaplatz', 'Kläranlage', 'Kreisstraße', 'Ladesäule', 'Landesstraße', 'Melderegister',
  'Musikschule', 'Nahverkehrsplan', 'Ortsumgehung', 'Parkraumbewirtschaftung', 'Personalrat', 'Radweg', 'Rettungsdienst', 'Schülerbeförderung',
  'Sozialhilfe', 'Sporthalle', 'Sportplatz', 'Stadtentwicklung', 'Straßenbeleuchtung', 'Straßenreinigung', 'Tourismusabgabe', 'Trinkwasser',
  'Vergabestelle', 'Verkehrsschau', 'Volkshochschule', 'Wahlbezirk', 'Winterdienst', 'Wohngeld', 'Zweitwohnungssteuer', 'Abfallkalender',
  'Baugenehmigung', 'Fördermittelgeber', 'Gleichstellung', 'Kulturförderung', 'Naturschutz', 'Spielplatz', 'Städtebauförderung', 'Wirtschaftsförderung',
];
const sentencesPerChunk = { min: 3, max: 7 };
const chunksPerDocument = 25;

interface Material {
  sentences: string[];
  headings: string[];
  nouns: string[];
}

function collectMaterial(chunks: KnowledgeChunkRecord[]): Material {
  const sentences = chunks.flatMap((chunk) =>
    chunk.text
      .split(/(?<=[.!?])\s+|\n+/)
      .map((sentence) => sentence.trim())
      .filter((sentence) => sentence.length >= 40 && sentence.length <= 320 && !sentence.startsWith('Quellen:')),
  );
  const headings = [...new Set(chunks.map((chunk) => chunk.sectionPath.at(-1) ?? chunk.documentTitle))];
  const nouns = [...new Set(chunks.flatMap((chunk) => chunk.text.match(/\b[A-ZÄÖÜ][a-zäöüß]{4,}\b/gu) ?? []))].sort();
  return { sentences, headings, nouns };
}

/** Swaps most nouns and programme abbreviations, every known place, date and number for others. */
function alter(sentence: string, material: Material, random: SeededRandom): string {
  const placePattern = new RegExp(`\\b(${places.map((place) => place.replace(/[()]/g, '\\$&')).join('|')})\\b`, 'gu');
  return sentence
    .replace(placePattern, () => random.pick(places))
    .replace(programmeAbbreviations, (abbreviation) => (random.chance(0.75) ? random.pick(otherAbbreviations) : abbreviation))
    .replace(/\b[A-ZÄÖÜ][a-zäöüß]{4,}\b/gu, (noun, offset: number) => {
      if (offset === 0 || !random.chance(0.75)) return noun;
      return random.chance(0.7) ? random.pick(otherTopicNouns) : random.pick(material.nouns);
    })
    .replace(/\b\d{1,2}\.\d{1,2}\.(20\d\d)\b/g, () => `${1 + random.integer(28)}.${1 + random.integer(12)}.${2019 + random.integer(12)}`)
    .replace(/\b\d{1,3}(?:\.\d{3})+\b|\b\d{2,}\b/g, (number) => {
      if (/^20\d\d$/.test(number)) return String(2019 + random.integer(12));
      const digits = number.replace(/\./g, '').length;
      const value = (1 + random.integer(9)) * 10 ** Math.max(0, digits - 1) + random.integer(10 ** Math.max(0, digits - 1));
      return number.includes('.') ? value.toLocaleString('de-DE') : String(value);
    });
}

function syntheticChunk(ordinal: number, material: Material, random: SeededRandom): KnowledgeChunkRecord {
  const documentNumber = Math.floor(ordinal / chunksPerDocument);
  const documentRandom = createSeededRandom(documentNumber * 7919 + 17);
  const board = `${documentRandom.pick(boards)} ${documentRandom.pick(places)}`;
  const documentTitle = `${alter(documentRandom.pick(material.headings), material, documentRandom)} – Hinweise für ${board}`;
  const count = sentencesPerChunk.min + random.integer(sentencesPerChunk.max - sentencesPerChunk.min + 1);
  const text = Array.from({ length: count }, () => alter(random.pick(material.sentences), material, random)).join(' ');
  return {
    id: `synthetisch-${documentNumber}#${ordinal % chunksPerDocument}`,
    documentKey: `synthetisch-${documentNumber}`,
    documentTitle,
    documentVersion: 1,
    sectionPath: [documentTitle, alter(random.pick(material.headings), material, random)],
    text,
    sourceUrls: [`https://example.org/synthetisch/${documentNumber}`],
    validFrom: null,
    validUntil: null,
    programme: null,
  };
}

export function padCorpus({ chunks, size, seed = 20_260_101 }: PadCorpusOptions): KnowledgeChunkRecord[] {
  const material = collectMaterial(chunks);
  const random = createSeededRandom(seed);
  const padding = Array.from({ length: Math.max(0, size - chunks.length) }, (_, ordinal) => syntheticChunk(ordinal, material, random));
  return [...chunks, ...padding];
}
