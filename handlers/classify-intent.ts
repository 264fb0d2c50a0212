import { classifyQuestionScope } from '../knowledge/question-scope.ts';
import { findTicketNumber, foldUmlauts, triageRequest } from '../tickets/index.ts';
import { resolveTimeWindow } from './resolve-time-window.ts';
import type { Intent } from './types.ts';

/** A day or time named for the meeting ("nächste Woche Dienstag", "ab dem 10."): with it, a question about the consultation's price or course still books one. */
const namesMeetingTime = (folded: string) => resolveTimeWindow(folded.replace(/\bguten morgen\b/g, '')) !== undefined;

export type RequestKind = 'rop_change' | 'offer' | 'general';

export interface IntentClassification {
  intent: Intent;
  /** The message also asks a question to answer from the knowledge base. */
  hasQuestion: boolean;
  /** The question part of a mixed message (or the whole text). */
  questionText: string;
  requestKind?: RequestKind;
  evidence: { method: 'rules' | 'model'; matched: string[] };
}


const rules: { name: string; pattern: RegExp }[] = [
  { name: 'greeting', pattern: /^\s*(hallo|hi|hey|moin|servus|guten (tag|morgen|abend)|danke( schoen| sehr)?|vielen dank)( zusammen| allerseits| euch| ihnen)?[\s!.,]*$/ },
  { name: 'thanks', pattern: /^\s*(danke|vielen dank|herzlichen dank|besten dank|super,? danke)\b[^?]{0,60}$/ },
  { name: 'status', pattern: /\b(stand|status|sachstand|bearbeitungsstand|wie weit|was ist (mit|aus)|schon bearbeitet|noch nichts gehoert|wie sieht'?s?( es)?( denn| jetzt| nun| inzwischen)* aus|wie siehts( denn| jetzt| nun)* aus|neuigkeiten|schon (was|etwas) (gehoert|neues)|gibt es (schon |inzwischen )?(was|etwas) neues|tut sich)\b/ },
  { name: 'status_object', pattern: /\b(ticket\w*|anliegen|anfrage|vorgang\w*|antrag\w*|verschiebung\w*|aenderung\w*|termin\w*|beratung\w*)\b/ },
  // "Haben wir schon einen Termin?", "Wann ist unser Termin?": about a booking that exists, not a new one.
  { name: 'booking_status', pattern: /\b(haben|hab|gibt es) (wir|ich|es)( jetzt| denn)? (schon|bereits|endlich) (einen|nen|ein) (termin|datum)\b|\bwann (ist|findet) (unser|mein|der) (beratungs)?termin\b|\bsteht (unser|mein|der) (beratungs)?termin( schon)?\b/ },
  { name: 'booking', pattern: /\b(beratung\w*|beratungstermin\w*|termin\w*|gespraech\w*|rueckruf\w*|zurueckruf\w*|videocall|videokonferenz\w*|telefonat\w*|telefonier\w*)\b|rufen sie (mich|uns) (bitte )?(zurueck|an)|\bmit (jemandem|ihnen|euch|einer beraterin|einem berater)\b[^?.!]*\b(sprechen|reden|besprechen|telefonieren)\b/ },
  { name: 'booking_verb', pattern: /\b(moechte\w*|wuerde\w*|gerne?|bitte|vereinbar\w*|buch\w*|anfrag\w*|brauche\w*|braeuchte\w*|benoetige\w*|wuensche\w*|haette\w*|hatten sie|zeit fuer|moeglichkeit|machen|zurueck)\b/ },
  { name: 'booking_info', pattern: /\b(was kostet|kostet|kosten|kostenpflichtig|kostenlos|gebuehr\w*|preis\w*|wie laeuft|ablauf|was beinhaltet|bietet|bieten)\b/ },
  { name: 'rop_change', pattern: /\b(verschieb\w*|vorzieh\w*|zurueckstell\w*|aenderungsantrag\w*|foerderjahr (aendern|wechseln))\b|\b(rop|roll-?out-?plan)\b[\s\S]*\b(aender\w*|schieb\w*|spaeter\w*|frueher\w*|tausch\w*|zusammengelegt|korrigier\w*|aktualisier\w*|streich\w*|erst 20\d\d)\b|\b(schieb\w*|aender\w*)\b[\s\S]*\b(rop|roll-?out-?plan)\b|\berst 20\d\d umgesetzt|\b(ein|zwei) jahre? (frueher|spaeter|eher)\b|\b(frueher|spaeter|eher) dran\b|\bstatt (im jahr )?20\d\d\b[^.?!]*\b20\d\d\b|\b20\d\d\s+(statt|anstatt|anstelle von)\s+(im jahr )?20\d\d\b|\baenderungswunsch\w*/ },
  // An offer from us ("ein Angebot für den MEP", "eGo-MV beauftragen"), not quotes from firms ("Angebote einholen").
  { name: 'offer', pattern: /\bkostenvoranschlag\w*|\b(ein|ihr|euer|einem|ihrem|eurem|das|unverbindliches|konkretes) angebot\b(?![^.?!]*\b(einhol\w*|vergleich\w*))|\bangebot (von ihnen|von euch|vom zweckverband|von ego)\b|\b(ego|ego-mv|zweckverband|sie|euch)\b[^.?!]*\bbeauftrag\w*|\bbeauftrag\w*\b[^.?!]*\b(ego|ego-mv|zweckverband)\b/ },
  // "Können Sie uns bitte den Ablauf erläutern?" asks for an explanation: a question, not a case.
  { name: 'explain', pattern: /\b(erlaeuter\w*|erklaer\w*|sagen|mitteilen|beschreiben|nennen|zusammenfassen)\b[^.!]*\?/ },
  // "Was braucht ihr, um das Förderjahr zu verschieben?" asks how; "Wir möchten verschieben" asks for it.
  { name: 'procedure_question', pattern: /^(was|welche\w*|wie|wer|wo|wohin|gibt es|bis wann|ab wann|wann)\b[^.!]*\?\s*$/ },
  { name: 'wish', pattern: /\b(wir|ich) (moecht\w*|will|wollen|wuerde\w*|haette\w*|brauch\w*|beantrag\w*)\b|\bbitte\b|\bunser\w* (schule|grundschule|foerderjahr|jahr)\b[^.?!]*\b(soll|sollte|muss|verschieb\w*|vorzieh\w*)/ },
  { name: 'request', pattern: /\b(bitte (um|pruefen|aendern|aufnehmen|zusenden|schicken|senden|erstellen|helfen|freischalten|zuruecksetzen)|bitte \w+en sie\b|(koennen|koennten|wuerden) sie\b[^?]*\b(bitte|zuschicken|schicken|senden|einrichten|anlegen|freischalten|deaktivieren|aendern|pruefen|ansehen|umsetzen|eintragen|korrigieren|aktualisieren|zusenden)|kann sich (das )?(bitte )?(mal )?jemand|(koennt|koennen|koenntet|koennten) (ihr|sie)\b[^?]*\b(nachhaken|nachfragen|klaeren|kuemmern|nachsehen|nachschauen|anrufen|weiterleiten|melden)|\bnachhaken\b|faellt (\w+ )?aus|ausgefallen|nicht erreichbar|kaputt|defekt|braucht einen zugang|bitten (sie )?um|funktioniert nicht|geht nicht|fehler\w*|stoerung\w*|(?<!(ist|waere|wird) (das|es) (ein|denn ein) )problem\w*|kein zugang|zugang\w* (fehlt|gesperrt|beantrag\w*)|passwort\w* (vergessen|zuruecksetz\w*)|gesperrt|login|anmeld\w* (klappt|geht|funktioniert) nicht|stellen hiermit|beantragen hiermit|melden hiermit|ticket (eroeffnen|anlegen|aufmachen))/ },
  { name: 'question', pattern: /\?|^(was|wie|wann|wo|wer|warum|wieso|weshalb|welche\w*|gibt es|gilt|ist|sind|muss|muessen|darf|duerfen|kann|koennen|koennte\w*|soll\w*|brauche\w*|reicht|werden|wird|bis wann|ab wann)\b/ },
];

/** Splits a message into sentences and "…, und bitte …" clauses. */
function segments(text: string): string[] {
  return text
    .split(/(?<=[.?!])\s+|\n+|,?\s+und\s+(?=bitte\b)/i)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * Offline intent rules over labelled German patterns. A message may hold a question and a
 * request at once; the request decides the intent, the question part is answered too.
 */
export function classifyIntent(text: string): IntentClassification {
  const folded = foldUmlauts(text.trim());
  const hit = (name: string, value = folded) => rules.find((rule) => rule.name === name)!.pattern.test(value);
  const matched = rules.filter((rule) => rule.pattern.test(folded)).map((rule) => rule.name);
  const base = { questionText: text, evidence: { method: 'rules' as const, matched } };

  if (hit('greeting') || hit('thanks')) return { ...base, intent: 'greeting', hasQuestion: false };
  // A message naming one of our case numbers is about that case.
  if (findTicketNumber(text)) return { ...base, intent: 'status', hasQuestion: false };
  if (hit('booking_status') || (hit('status') && hit('status_object') && /\b(mein|unser|meine|unsere)\w*\b/.test(folded))) {
    return { ...base, intent: 'status', hasQuestion: false };
  }

  const parts = segments(text);
  const isRequestPart = (part: string) => {
    const value = foldUmlauts(part);
    // "Wer bezahlt, wenn die Tafeln kaputt gehen?" asks about a case; it does not report one.
    if (hit('question', value) && /\b(wenn|falls|sobald)\b[^?]*\b(kaputt\w*|defekt\w*|ausfall\w*|ausgefallen)\b/.test(value)) return false;
    if (hit('explain', value) && !hit('rop_change', value) && !hit('offer', value)) return false;
    if (hit('procedure_question', value) && !hit('wish', value) && !hit('offer', value)) return false;
    return hit('rop_change', value) || hit('offer', value) || hit('request', value) || (hit('booking', value) && !hit('booking_info', value));
  };
  const isQuestionPart = (part: string) => !isRequestPart(part) && hit('question', foldUmlauts(part));
  // A question that points back ("Welche Angaben brauchen Sie dafür?") keeps the sentence it points to.
  const questionParts = [
    ...new Set(
      parts.flatMap((part, position) => {
        if (!isQuestionPart(part)) return [];
        const previous = parts[position - 1];
        return previous && !isQuestionPart(previous) && /\b(dafuer|dazu|dabei|davon|damit|das|dies\w*)\b/.test(foldUmlauts(part)) ? [previous, part] : [part];
      }),
    ),
  ];
  const hasQuestion = questionParts.length > 0;
  const questionText = hasQuestion ? questionParts.join(' ') : text;

  const words = folded.split(/\s+/).filter((word) => /\p{L}{2,}/u.test(word));
  if (words.length <= 2 && !hit('rop_change') && !hit('offer')) return { ...base, intent: 'clarify', hasQuestion: false };
  const isBooking = hit('booking') && (hit('booking_verb') || hit('question')) && (!hit('booking_info') || namesMeetingTime(folded)) && !hit('rop_change') && !hit('offer');
  if (isBooking) return { ...base, intent: 'booking', hasQuestion: hasQuestion && questionParts.some((part) => !hit('booking', foldUmlauts(part))), questionText };
  const requestParts = parts.filter(isRequestPart);
  if (requestParts.some((part) => hit('rop_change', foldUmlauts(part)))) return { ...base, intent: 'ticket', requestKind: 'rop_change', hasQuestion, questionText };
  if (requestParts.some((part) => hit('offer', foldUmlauts(part))) && !/^(was|wie viel|wieviel)\s+kostet/.test(folded)) return { ...base, intent: 'ticket', requestKind: 'offer', hasQuestion, questionText };
  if (hit('request') && parts.some(isRequestPart)) return { ...base, intent: 'ticket', requestKind: 'general', hasQuestion, questionText };
  if (hit('question') || folded.split(/\s+/).length >= 4) return { ...base, intent: 'question', hasQuestion: true, questionText: text };
  return { ...base, intent: 'clarify', hasQuestion: false };
}

/**
 * The engine's offline decision: the rules, except that requests about foreign topics ("Bitte
 * schicken Sie mir die Hundesteuer-Satzung") are not cases for the Schul-IT team; they go down
 * the question path, which refuses them. The evaluation routes its cases through this too.
 */
export function classifyOffline(text: string): IntentClassification {
  const rules = classifyIntent(text);
  return (rules.intent === 'ticket' || rules.intent === 'booking') && classifyQuestionScope(text) === 'out_of_scope' ? { ...rules, intent: 'question', hasQuestion: true, questionText: text } : rules;
}

/** What the evaluation needs of a routing: the intent, and for requests the category a ticket would get. */
export function routeForEvaluation(text: string): { intent: string; category?: string; questionText?: string } {
  const classification = classifyOffline(text);
  const question = classification.hasQuestion ? { questionText: classification.questionText } : {};
  if (classification.intent === 'booking') return { intent: 'booking', category: 'beratung', ...question };
  if (classification.intent !== 'ticket') return { intent: classification.intent };
  const category = classification.requestKind === 'rop_change' ? 'rop_aenderung' : classification.requestKind === 'offer' ? 'mep' : triageRequest({ text }).category;
  return { intent: 'ticket', category, ...question };
}
