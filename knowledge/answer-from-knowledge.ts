import type { LanguageModel } from 'ai';
import { cleanQuestion, expandQuestion, questionSentences, withoutSelfIntroduction } from './clean-question.ts';
import { answerNotes, citationOf, composeExtractiveAnswer } from './compose-extractive-answer.ts';
import { generateAnswer } from './generate-answer.ts';
import type { SendContext } from './create-ai-models.ts';
import { abstentionText, outOfScopeText, type KnowledgeAnswer } from './knowledge-answer.ts';
import { declaresKind, questionKindOf, type KnowledgeIndex, type SearchHit } from './knowledge-index.ts';
import { classifyQuestionScope } from './question-scope.ts';
import { estimateFunding } from './estimate-funding.ts';

/** Below this the assistant does not answer but offers a ticket (tuned on test/eval, see README). */
export const defaultConfidenceThreshold = 0.4;

const secondPassageRatio = 0.8;

/** The confidence a question of unclear scope needs to be answered (tuned on test/eval). */
const unclearScopeThreshold = 0.7;
/** Share of a question's topic weight (by rarity) the best section must match for the question to count as in scope by evidence. */
const knownTopicCoverage = 0.6;

// "Was kostet ein Smartboard?" asks a price. The documents hold funding amounts, not market
// prices: a passage that never speaks of costs or prices (the base amounts per school type) does
// not answer it, however well its "Betrag … EUR" matched.
// What something costs the school board itself ("was kostet uns das", "kosten die Leihgeräte die
// Schule") asks about its own share, which the documents do answer.
const asksPrice = /\b(was|wie ?viel)\s+(kostet|kosten)\b(?![^.?!]*\b(uns|die schule|den (schul)?träger|die gemeinde|die stadt)\b)|\bwie teuer\b(?![^.?!]*\b(darf|dürfen|höchstens|maximal)\b)|\bpreis(e)?\s+(für|von|eines|einer|eine[sn]?)\b/i;
// Which brand, model or vendor to recommend ("Welche Tablet-Marke empfehlen Sie?", "welche Firma
// sollen wir nehmen"; buying from a dealer or hiring a firm is no such question): the knowledge base names none (public procurement is vendor-neutral), so
// only a passage naming brands or models may answer; otherwise the assistant says it does not know
// and offers a consultation. Which company may do something ("Welche Firma darf den Antrag
// stellen?") is a question of fact, not a choice, and is answered as usual.
const choiceVerb = String.raw`(empfehl\w*|empfiehl\w*|rat(en|et|st)|vorschlag\w*|vorschlagen)`;
const supplier = String.raw`(marken?|hersteller|modelle?|fabrikate?|anbieter|händler|lieferant\w*|firma|firmen)`;
const asksProductChoice = new RegExp(String.raw`\b${supplier}\b[^.?!]*\b${choiceVerb}\b|\b${choiceVerb}\b[^.?!]*\b${supplier}\b|\bwelche[nrs]?\s+(\S+-)?(marken?|hersteller|modelle?|fabrikate?)\b|\bwelche[nrs]?\s+(\S+-)?${supplier}\b[^.?!]*\b(sollen|sollten|soll)\b`, 'i');
// Brands and products of school IT: naming two as alternatives ("Cisco oder Sophos?") or one with a
// preference ("Ist Lenovo besser?") asks for a choice as well. One brand in a question of fact
// ("Sind iPads förderfähig?", "Können wir Microsoft-365-Lizenzen bezahlen?") does not.
const brand = String.raw`(apple|ipads?|macbooks?|samsung|lenovo|dell|hp|acer|asus|fujitsu|terra|microsoft|surface|google|chromebooks?|cisco|meraki|sophos|fortinet|fortigate|aruba|ubiquiti|unifi|lancom|zyxel|netgear|juniper|huawei|promethean|clevertouch|viewsonic|benq|epson|jamf|relution|intune|iserv|univention|teams|moodle)`;
const brandAlternatives = new RegExp(String.raw`\b${brand}\b[^.?!]{0,60}\b(oder|bzw|vs|versus|statt)\b[^.?!]{0,40}\b${brand}\b`, 'i');
const brandPreference = new RegExp(String.raw`\b${brand}\b[^.?!]{0,60}\b(besser|lieber|empfehlenswert|geeigneter|taugt)\b|\b(besser|lieber|empfehl\w*|empfiehl\w*)\b[^.?!]{0,60}\b${brand}\b`, 'i');
const asksChoice = (question: string) => asksProductChoice.test(question) || brandAlternatives.test(question) || brandPreference.test(question);
const namesProducts = (hit: SearchHit) => /\b(marke|hersteller|modell|fabrikat)/i.test(`${hit.chunk.sectionPath.join(' ')} ${hit.chunk.text}`);
// A price is an amount, a price list or a fee, not a passage that mentions costs in passing
// ("Kosten für Betrieb und Wartung trägt der Träger"): asked what a server costs, that is no answer.
const speaksOfCosts = (hit: SearchHit) => /\b(preis|kostet|gebühr|kostenlos|kostenfrei|unentgeltlich|teuer)/i.test(`${hit.chunk.sectionPath.join(' ')} ${hit.chunk.text}`);

/** The verbs and small words of the first question, without its nouns, added to a short follow-up part. */
function withFrameOf(part: string, first: string): string {
  if (part.split(/\s+/).filter((word) => /[A-Za-zÄÖÜäöüß]{3,}/.test(word)).length > 3) return part;
  const frame = first.split(/\s+/).filter((word) => /^[a-zäöüß]{4,}[?!.,]*$/.test(word)).map((word) => word.replace(/[?!.,]+$/, ''));
  return `${part.replace(/^\s*und\s+/i, '')} ${frame.join(' ')}`;
}

/**
 * The questions of a message that asks several ("…? Und WLAN?"), each with at least one word of
 * substance. What follows the last question mark is no question of its own ("… richtig? Wir
 * möchten den Haushalt planen."), it stays out.
 */
export function questionParts(text: string): string[] {
  const parts = text.split(/(?<=\?)\s+/).map((part) => part.trim());
  return parts.filter((part, position) => /[A-Za-zÄÖÜäöüß]{3,}/.test(part) && (part.endsWith('?') || position === 0));
}

export interface AnswerFromKnowledgeOptions {
  question: string;
  index: KnowledgeIndex;
  /** With a model the answer is generated from the passages; without, composed from them. */
  model?: { languageModel: LanguageModel; name: string; timeoutMs: number; sendContext?: SendContext };
  /** Optional re-ranking of lexical hits by embeddings (hybrid retrieval). */
  rerank?: (question: string, hits: SearchHit[]) => Promise<SearchHit[]>;
  confidenceThreshold?: number;
  now?: Date;
}

/** Confidence from how much of the question the best passage covers and how strongly it matched. */
export function confidenceOf(hit: SearchHit | undefined): number {
  if (!hit) return 0;
  const strength = Math.min(1, Math.log10(1 + hit.score) / 2.5);
  // Topic words the documents never use lower the confidence: the match rests on side words.
  const penalty = 1 - (0.8 * hit.unknownWords.length) / Math.max(1, hit.contentWordCount);
  // Half plain coverage, half coverage weighted by rarity: matching only "DigitalPakt" and
  // "bezahlt" of "Bezahlt der DigitalPakt die Sanierung der Schultoiletten?" is no match.
  const coverage = 0.5 * hit.topicCoverage + 0.5 * hit.coverage;
  return Math.round((0.65 * coverage + 0.35 * strength) * penalty * 100) / 100;
}

export async function answerFromKnowledge({
  question,
  index,
  model,
  rerank,
  confidenceThreshold = defaultConfidenceThreshold,
  now = new Date(),
}: AnswerFromKnowledgeOptions): Promise<KnowledgeAnswer> {
  const cleaned = withoutSelfIntroduction(cleanQuestion(question));
  // The everyday words the expansion maps ("legt das Land was oben drauf" -> Landesanteil) count for scope too.
  const scope = classifyQuestionScope(expandQuestion(cleaned));
  const refusal: KnowledgeAnswer = { outcome: 'out_of_scope', text: outOfScopeText, citations: [], confidence: 0, chunkIds: [], model: null };
  if (scope === 'out_of_scope') return refusal;

  let hits = index.search(expandQuestion(cleaned), { limit: 5, asked: cleaned });
  if (rerank && hits.length > 1) hits = await rerank(cleaned, hits).catch(() => hits);
  if (asksPrice.test(cleaned)) hits = hits.filter(speaksOfCosts);
  if (asksChoice(cleaned)) hits = hits.filter(namesProducts);
  const top = hits[0];
  const confidence = confidenceOf(top);
  // A question that names nothing of the programme or its procedure must match a section closely.
  // Evidence counts too: when the words that name the topic ("Mikroskope") are the knowledge
  // base's own and the best section holds most of their weight, an everyday wording is no reason to refuse.
  const isTopicKnown = top !== undefined && top.unknownWords.length === 0 && top.topicCoverage >= knownTopicCoverage;
  const threshold = scope === 'unclear' && !isTopicKnown ? Math.max(confidenceThreshold, unclearScopeThreshold) : confidenceThreshold;
  if (!top || confidence < threshold) {
    if (scope === 'unclear') return { ...refusal, confidence };
    return { outcome: 'abstained', text: abstentionText, citations: [], confidence, chunkIds: hits.map((hit) => hit.chunk.id), model: null };
  }

  // Each part of a multi-part question finds its own passage; the model gets those passages too.
  const parts = questionParts(cleaned);
  const partTops =
    parts.length > 1 ? parts.flatMap((part, position) => index.search(expandQuestion(position === 0 ? part : withFrameOf(part, parts[0]!)), { limit: 1, asked: part }).filter((hit) => confidenceOf(hit) >= confidenceThreshold)) : [];
  const distinctPartTops = partTops.filter((hit, position) => partTops.findIndex((other) => other.chunk.id === hit.chunk.id) === position);

  if (model) {
    const offered = [...distinctPartTops, ...hits].filter((hit, position, all) => all.findIndex((other) => other.chunk.id === hit.chunk.id) === position).slice(0, 5);
    const generated = await generateAnswer({ model: model.languageModel, question: model.sendContext === 'question' ? questionSentences(cleaned) : cleaned, hits: offered, timeoutMs: model.timeoutMs });
    if (generated && !generated.isCovered) {
      return { outcome: 'abstained', text: abstentionText, citations: [], confidence, chunkIds: hits.map((hit) => hit.chunk.id), model: model.name };
    }
    if (generated) {
      const chunks = generated.citedChunkIds.flatMap((id) => index.chunk(id) ?? []);
      const notes = answerNotes(chunks, generated.answer, now);
      return {
        outcome: 'answered',
        text: [generated.answer.trim(), ...notes].join('\n\n'),
        citations: chunks.map(citationOf),
        confidence,
        chunkIds: chunks.map((chunk) => chunk.id),
        model: model.name,
      };
    }
  }

  const estimate = estimateFunding(cleaned);
  const formula = estimate ? index.findSection('foerderhoehe', 'Berechnungsformel') : undefined;
  if (estimate && formula) {
    const notes = answerNotes([formula], estimate.text, now);
    return { outcome: 'answered', text: [estimate.text, ...notes].join('\n\n'), citations: [citationOf(formula)], confidence: Math.max(confidence, 0.9), chunkIds: [formula.id], model: null };
  }

  // A second passage that matches nearly as well often holds the rest of the answer; a question
  // of several parts ("Können wir Laptops kaufen? Und WLAN?") gets one passage per part.
  const runnerUp = hits[1];
  // A section that declares this very kind of question answers it directly; no second passage then.
  const isDirect = declaresKind(top.chunk, questionKindOf(cleaned));
  const used = !isDirect && runnerUp && runnerUp.score >= secondPassageRatio * top.score && runnerUp.coverage >= top.coverage - 0.1 ? [top, runnerUp] : [top];
  // "Und WLAN?" borrows what the first part asked ("Können wir Laptops kaufen?" → "WLAN kaufen").
  if (distinctPartTops.length > 1) used.splice(0, used.length, ...distinctPartTops);
  const bodies = used.map((hit) => composeExtractiveAnswer(cleaned, hit, index.analyzer));
  const chunks = used.map((hit) => hit.chunk);
  const notes = answerNotes(chunks, bodies.join(' '), now);
  return {
    outcome: 'answered',
    text: [...bodies, ...notes].join('\n\n'),
    citations: chunks.map(citationOf),
    confidence,
    chunkIds: chunks.map((chunk) => chunk.id),
    model: null,
  };
}
