import type { KnowledgeChunkRecord, SearchHit } from './knowledge-index.ts';
import type { Citation } from './knowledge-answer.ts';
import type { GermanAnalyzer } from './german-analyzer.ts';

const maxAnswerCharacters = 700;

/** Citation of a chunk: document title, section heading, first source URL, validity. */
export function citationOf(chunk: KnowledgeChunkRecord): Citation {
  return {
    chunkId: chunk.id,
    title: chunk.documentTitle,
    section: chunk.sectionPath.at(-1),
    source: chunk.sourceUrls[0],
    validFrom: chunk.validFrom?.toISOString().slice(0, 10),
    validUntil: chunk.validUntil?.toISOString().slice(0, 10),
  };
}

/** Sentences and list items of a section, in order. */
function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => (/^\s*([-*]|\d+\.)\s/.test(line) ? [line.trim()] : line.split(/(?<=[.!?])\s+(?=[A-ZÄÖÜ„])/)))
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/**
 * The offline answer: the section's own opening (our documents put the direct answer first),
 * then the sentences that share most with the question, in document order, within a short budget.
 */
export function composeExtractiveAnswer(question: string, hit: SearchHit, analyzer: GermanAnalyzer): string {
  const text = hit.chunk.text.trim();
  if (text.length <= maxAnswerCharacters) return text;
  const sentences = splitSentences(text);
  const questionTerms = new Set(analyzer.analyze(question));
  const scored = sentences.map((sentence, index) => ({
    index,
    sentence,
    overlap: analyzer.analyze(sentence).filter((term) => questionTerms.has(term)).length,
  }));
  const chosen = new Set<number>([0]);
  let length = sentences[0]?.length ?? 0;
  for (const candidate of [...scored].sort((left, right) => right.overlap - left.overlap || left.index - right.index)) {
    if (candidate.overlap === 0 || chosen.has(candidate.index)) continue;
    if (length + candidate.sentence.length > maxAnswerCharacters) continue;
    chosen.add(candidate.index);
    length += candidate.sentence.length;
  }
  return [...chosen]
    .sort((left, right) => left - right)
    .map((index) => sentences[index])
    .join(' ')
    .replace(/ (?=[-*] )/g, '\n');
}

/** Notes an answer needs: the programme period when it has ended, and no funding commitment. */
export function answerNotes(chunks: KnowledgeChunkRecord[], answerText: string, now: Date): string[] {
  const notes: string[] = [];
  const ended = chunks.find((chunk) => chunk.validUntil && chunk.validUntil < now);
  if (ended) {
    const period = ended.programme ?? 'DigitalPakt Schule 2019–2024';
    notes.push(`Hinweis: Diese Angaben gelten für das Programm „${period}“, dessen Laufzeit abgelaufen ist; für den DigitalPakt 2.0 stehen die Regelungen des Landes noch aus.`);
  }
  if (/EUR|€|förder|Förder|Zuwendung|Bescheid/.test(answerText)) {
    notes.push('Diese Auskunft ersetzt keinen Zuwendungsbescheid; verbindlich entscheidet das Landesförderinstitut (LFI).');
  }
  return notes;
}
