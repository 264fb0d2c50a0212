import type { KnowledgeChunkRecord, SearchHit } from './knowledge-index.ts';
import type { Citation } from './knowledge-answer.ts';
import type { GermanAnalyzer } from './german-analyzer.ts';
import { rankSourcesByAuthority, sourceKindLabels, sourceKindOf } from './rank-sources.ts';

// Our sections are written to be read whole; longer ones (PDF pages, long uploads) are shortened.
const maxAnswerCharacters = 1100;

/** Citation of a chunk: document title, section heading, its most authoritative source (labelled when unofficial), validity. */
export function citationOf(chunk: KnowledgeChunkRecord): Citation {
  const sources = rankSourcesByAuthority(chunk.sourceUrls);
  const label = sources[0] ? sourceKindLabels[sourceKindOf(sources[0])] : undefined;
  return {
    chunkId: chunk.id,
    title: chunk.documentTitle,
    section: chunk.sectionPath.at(-1),
    source: sources[0],
    ...(label ? { sourceLabel: label } : {}),
    sources,
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
/** Sentences about the documents rather than the subject ("Dieses Dokument erklärt …", "Einzelheiten stehen im Abschnitt …"): the reader sees no documents. */
const metaSentence = /^(Dieses Dokument|Das Dokument|Dieser Abschnitt)\b|\b(Einzelheiten|Mehr dazu|Näheres|Details) (stehen|steht|finden Sie) im (Abschnitt|Dokument|Kapitel)\b|\blesen Sie (bitte )?(den|im) Abschnitt\b/i;

export function composeExtractiveAnswer(question: string, hit: SearchHit, analyzer: GermanAnalyzer): string {
  return withoutStrayVerdict(question, extract(question, hit, analyzer));
}

const asksOpenQuestion = /^\s*(wer|wen|wem|wessen|was|wann|wie|wo|wofür|wozu|woher|warum|wieso|weshalb|welche[nrs]?)\b/i;

/**
 * A passage written for a yes/no question ("Können Schulen selbst einen Antrag stellen? Nein, …")
 * answering an open one ("Wer kann Fördermittel beantragen?") must not start with "Nein": the
 * statement after the verdict is the answer.
 */
function withoutStrayVerdict(question: string, text: string): string {
  if (!asksOpenQuestion.test(question)) return text;
  const match = /^(ja|nein)[,;]\s+(\p{L})/iu.exec(text);
  return match ? `${match[2]!.toUpperCase()}${text.slice(match[0].length)}` : text;
}

function extract(question: string, hit: SearchHit, analyzer: GermanAnalyzer): string {
  const all = splitSentences(hit.chunk.text.trim());
  const sentences = all.filter((sentence) => !metaSentence.test(sentence));
  const text = sentences.join(' ');
  if (text.length <= maxAnswerCharacters) return sentences.length === all.length ? hit.chunk.text.trim() : text.replace(/ (?=[-*] |\d+\. )/g, '\n');
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
  // A list item without the sentence that introduces its list reads like a fragment.
  for (const index of [...chosen]) {
    if (!/^\s*([-*]|\d+\.)\s/.test(sentences[index] ?? '')) continue;
    let intro = index - 1;
    while (intro > 0 && /^\s*([-*]|\d+\.)\s/.test(sentences[intro] ?? '')) intro -= 1;
    chosen.add(intro);
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
