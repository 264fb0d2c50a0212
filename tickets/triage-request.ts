import { foldUmlauts } from './fold-umlauts.ts';
import type { TicketCategory, TicketPriority } from '../prisma/client.ts';

export interface TriageEvidence {
  method: 'rules';
  /** The rules that matched, with the matched words. */
  matched: { rule: string; words: string[] }[];
  scores: Record<string, number>;
}

export interface Triage {
  category: TicketCategory;
  priority: TicketPriority;
  priorityReasons: string[];
  evidence: TriageEvidence;
}

/** Word patterns per category (on folded text); each hit adds its weight. */
const categoryRules: { category: TicketCategory; rule: string; pattern: RegExp; weight: number }[] = [
  { category: 'rop_aenderung', rule: 'rop', pattern: /\b(rop|roll-?out-?plan\w*)\b/g, weight: 3 },
  { category: 'rop_aenderung', rule: 'foerderjahr', pattern: /\b(foerderjahr\w*|verschieb\w*|vorzieh\w*|zurueckstell\w*|aenderungsantrag\w*)\b/g, weight: 2 },
  { category: 'foerderantrag', rule: 'antrag', pattern: /\b(foerderantrag\w*|antrag\w*|bescheid\w*|bewilligung\w*|lfi|mittelabruf\w*|abruf\w*|erstattung\w*|verwendungsnachweis\w*|auszahlung\w*|zuwendung\w*|rechnung\w*)\b/g, weight: 2 },
  { category: 'mep', rule: 'mep', pattern: /\b(mep|medienentwicklungsplan\w*|mbk|medienbildungskonzept\w*|angebot\w*|beauftrag\w*|fortschreib\w*)\b/g, weight: 2 },
  { category: 'technik', rule: 'technik', pattern: /\b(\w*wlan\w*|netzwerk\w*|switch\w*|\w*server\w*|verkabelung\w*|glasfaser\w*|access ?points?|firewall\w*|mdm|technische\w* konzept\w*|ausleuchtung\w*|router\w*|tablets?|laptops?|endgeraet\w*|display\w*|\w*tafel\w*|smartboard\w*|beamer\w*|projektor\w*|drucker\w*|dokumentenkamera\w*|defekt\w*|kaputt\w*|ausgefallen)\b/g, weight: 2 },
  { category: 'sdm', rule: 'sdm', pattern: /\b(sdm|schuldienstemanagement\w*|login|anmeld\w*|passwort\w*|zugang\w*|benutzer\w*|kennung\w*|gesperrt)\b/g, weight: 3 },
  { category: 'beratung', rule: 'beratung', pattern: /\b(beratung\w*|beratungstermin\w*|termin\w*|gespraech\w*|vor ort|videokonferenz\w*|rueckruf\w*)\b/g, weight: 2 },
];

const priorityRules: { priority: TicketPriority; rule: string; pattern: RegExp; reason: string }[] = [
  { priority: 'dringend', rule: 'urgent_words', pattern: /\b(dringend\w*|sofort|eilig\w*|notfall|asap)\b/, reason: 'als dringend bezeichnet' },
  { priority: 'dringend', rule: 'deadline_now', pattern: /\b(heute|morgen|bis (zum )?(morgen|freitag|montag|ende der woche)|frist (laeuft|endet) (heute|morgen|diese woche))\b/, reason: 'Frist in den nächsten Tagen' },
  { priority: 'hoch', rule: 'blocked', pattern: /\b(blockiert|liegt auf eis|auf eis gelegt|kommen nicht weiter|abgelehnt|zurueckgewiesen|geht nicht weiter|gesperrt|funktioniert nicht|kein zugang)\b/, reason: 'Vorgang blockiert' },
  { priority: 'hoch', rule: 'deadline_soon', pattern: /\b(frist\w*|deadline|termin\w* (laeuft|endet)|bis (zum )?\d{1,2}\.\s?\d{1,2}\.)/, reason: 'Frist genannt' },
  { priority: 'niedrig', rule: 'informational', pattern: /\b(irgendwann|keine eile|bei gelegenheit|nur zur info|interessehalber)\b/, reason: 'ausdrücklich ohne Eile' },
];

/**
 * Rule-based triage: a category from weighted word matches (a tie goes to the rule listed first,
 * no match to `sonstiges`; a caller's hint, e.g. `beratung` for a booking, always wins), a priority
 * from deadlines and blockers, and the evidence of how both were decided.
 */
export function triageRequest({ text, categoryHint }: { text: string; categoryHint?: TicketCategory }): Triage {
  const folded = foldUmlauts(text);
  const scores: Record<string, number> = {};
  const matched: TriageEvidence['matched'] = [];
  for (const { category, rule, pattern, weight } of categoryRules) {
    const words = [...folded.matchAll(pattern)].map((match) => match[0]);
    if (words.length === 0) continue;
    scores[category] = (scores[category] ?? 0) + weight * Math.min(words.length, 3);
    matched.push({ rule, words: [...new Set(words)] });
  }
  const ranked = Object.entries(scores).sort((left, right) => right[1] - left[1]);
  const best = ranked[0];
  // Ties go to the rule listed first: the more specific request (a ROP change mentions an application too).
  const category: TicketCategory = categoryHint ?? ((best?.[0] as TicketCategory | undefined) ?? 'sonstiges');

  const priorityHits = priorityRules.filter(({ pattern }) => pattern.test(folded));
  const order: TicketPriority[] = ['dringend', 'hoch', 'normal', 'niedrig'];
  const urgent = priorityHits.filter((hit) => hit.priority !== 'niedrig');
  const priority: TicketPriority = urgent.length > 0 ? order.find((level) => urgent.some((hit) => hit.priority === level))! : priorityHits.length > 0 ? 'niedrig' : 'normal';
  for (const hit of priorityHits) matched.push({ rule: hit.rule, words: [folded.match(hit.pattern)?.[0] ?? ''] });
  return {
    category,
    priority,
    priorityReasons: priorityHits.filter((hit) => hit.priority === priority).map((hit) => hit.reason),
    evidence: { method: 'rules', matched, scores },
  };
}
