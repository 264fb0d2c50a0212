import { foldUmlauts, type MasterDataMatch } from '../tickets/index.ts';
import type { BookingMode } from '../vocabulary/index.ts';
import type { OfferFacts, RopChangeFacts } from './dialogues/dialogue-state.ts';
import { describeResolvedWindow, resolveTimeWindow } from './resolve-time-window.ts';


export type ConsultationMode = BookingMode;

export function extractMode(text: string): ConsultationMode | undefined {
  const folded = foldUmlauts(text);
  if (/\b(vor ort|persoenlich|bei uns|in unserem haus|praesenz)\b/.test(folded)) return 'vor_ort';
  if (/\b(video\w*|teams|online|webex|zoom|bildschirm)\b/.test(folded)) return 'video';
  if (/\b(telefon\w*|anruf\w*|rueckruf\w*|anrufen)\b/.test(folded)) return 'telefon';
  return undefined;
}

const weekday = '(montag|dienstag|mittwoch|donnerstag|freitag)s?';
const partOfDay = '(\\s+(vormittags?|nachmittags?|frueh|morgens?|ab \\d{1,2}(:\\d{2})?( uhr)?|zwischen \\d{1,2}(:\\d{2})? und \\d{1,2}(:\\d{2})?( uhr)?|von \\d{1,2}(:\\d{2})? bis \\d{1,2}(:\\d{2})?( uhr)?))?';
const windowPatterns = [
  new RegExp(`\\b(naechste|kommende|uebernaechste) woche (am )?${weekday}${partOfDay}`, 'g'),
  /\bab (dem )?\d{1,2}\.(?!\s?\d)/g,
  new RegExp(`\\b(ab |am |jeden |naechsten |kommenden )?${weekday}(\\s+(vormittags?|nachmittags?|frueh|morgens?|ab \\d{1,2}(:\\d{2})?( uhr)?|zwischen \\d{1,2}(:\\d{2})? und \\d{1,2}(:\\d{2})?( uhr)?|von \\d{1,2}(:\\d{2})? bis \\d{1,2}(:\\d{2})?( uhr)?))?`, 'g'),
  /\b(am )?\d{1,2}\.\s?\d{1,2}\.(\d{2,4})?(\s+(um|ab|von) \d{1,2}(:\d{2})?( uhr)?)?/g,
  /\b(naechste|kommende|uebernaechste) woche\b/g,
  /\bkw \d{1,2}\b/g,
  /\b(vormittags|nachmittags|morgens|abends)\b/g,
  /\b(ab|um|zwischen) \d{1,2}(:\d{2})?\s?(uhr)?( und \d{1,2}(:\d{2})?\s?uhr)?/g,
];

// Matching runs on folded text; these turn a found phrase back into written German.
const displayWords: Record<string, string> = {
  montag: 'Montag', montags: 'montags', dienstag: 'Dienstag', dienstags: 'dienstags', mittwoch: 'Mittwoch', mittwochs: 'mittwochs',
  donnerstag: 'Donnerstag', donnerstags: 'donnerstags', freitag: 'Freitag', freitags: 'freitags',
  naechsten: 'nächsten', naechste: 'nächste', uebernaechste: 'übernächste', frueh: 'früh', woche: 'Woche', kw: 'KW', uhr: 'Uhr',
};

function displayTimeWindow(folded: string): string {
  return folded.replace(/[a-z]+/g, (word) => displayWords[word] ?? word);
}

/**
 * Preferred time windows as the requester wrote them, in written German, each with the dates it
 * stands for when it names a day ("nächste Woche Dienstag vormittags (Di., 15.12.2026, 08:00–12:00 Uhr)").
 */
export function extractTimeWindows(text: string, now: Date = new Date()): string[] {
  // "Dienstag oder Mittwoch vormittag": the part of the day belongs to both days.
  const folded = foldUmlauts(text).replace(new RegExp(`\\b(${weekday})(\\s+(?:oder|und|bzw\\.?)\\s+${weekday}\\s+(vormittags?|nachmittags?|morgens?))`, 'g'), (_whole, first: string, _firstName: string, rest: string, _secondName: string, part: string) => `${first} ${part}${rest}`);
  const found: { index: number; value: string }[] = [];
  for (const pattern of windowPatterns) {
    for (const match of folded.matchAll(pattern)) found.push({ index: match.index ?? 0, value: match[0].trim() });
  }
  // Drop phrases contained in a longer one that was also found.
  const unique = found.filter((candidate) => !found.some((other) => other !== candidate && other.value.length > candidate.value.length && other.value.includes(candidate.value)));
  return [
    ...new Map(
      unique
        .sort((left, right) => left.index - right.index)
        .map((entry) => {
          const resolved = resolveTimeWindow(entry.value, now);
          return [entry.value, `${displayTimeWindow(entry.value)}${resolved ? ` (${describeResolvedWindow(resolved)})` : ''}`];
        }),
    ).values(),
  ];
}

/** "Dabei wären ich, unser Schulleiter Herr Krüger und jemand von MV Systems": the list after such a lead-in. */
const participantClause =
  /\b(?:(?:mit )?dabei (?:sind|sein werden|wären|waeren|ist|wäre|waere|kommen)|teilnehmen (?:werden|würden|wuerden)|teilnehmer(?:innen)?\s*:|es kommen|kommen werden|wir sind)\s*:?\s+([^.!?\n]+)/i;

/**
 * The people and organisations who will take part, each as one entry: a role with its name stays
 * together ("Schulleiter Herr Krüger"), "ich" becomes the requester, an organisation keeps its name
 * ("jemand von MV Systems").
 */
export function extractParticipants(text: string): string[] {
  const clause = participantClause.exec(text)?.[1];
  if (clause) {
    const listed = clause
      .split(/\s*,\s*|\s+(?:und|sowie|plus)\s+/)
      .map((item) => item.trim().replace(/^(?:unser(?:e|en|er)?|mein(?:e|en)?|die|der|das|den|auch|noch)\s+/i, '').replace(/\s+(?:dabei|mit)$/i, '').trim())
      .filter((item) => item.length > 1 && !/^(?:wir|uns|alle)$/i.test(item))
      .map((item) => (/^(?:ich|mich|meine wenigkeit)$/i.test(item) ? 'die anfragende Person' : item));
    if (listed.length > 0) return [...new Set(listed)];
  }
  const participants: string[] = [];
  const role = '(Schulleiter\\w*|Schulleitung|Bürgermeister\\w*|Kämmer\\w*|IT-Dienstleister\\w*|Amtsleiter\\w*|Hauptamt\\w*|Schulverwaltung|Medienbeauftragt\\w*|Lehrkr\\w*)';
  const named = new RegExp(`\\b(?:${role}\\s+)?(Herr(?:n)?|Frau)\\s+([A-ZÄÖÜ][\\wäöüß-]+)`, 'g');
  const namedRoles = new Set<string>();
  for (const match of text.matchAll(named)) {
    const person = `${match[2] === 'Herrn' ? 'Herr' : match[2]} ${match[3]}`;
    if (match[1]) namedRoles.add(match[1]);
    participants.push(match[1] ? `${match[1]} ${person}` : person);
  }
  for (const match of text.matchAll(new RegExp(`\\b${role}\\b`, 'g'))) if (!namedRoles.has(match[1]!)) participants.push(match[1]!);
  const count = /\b(?:wir sind|zu|mit) (\d{1,2}|zwei|drei|vier|fünf) (personen|teilnehmer\w*|leuten)\b/i.exec(text);
  if (count) participants.push(`${count[1]} ${count[2]}`);
  if (/\b(nur ich|ich allein|nur mich)\b/i.test(text)) participants.push('nur die anfragende Person');
  return [...new Set(participants)];
}

const topicPatterns: [RegExp, string][] = [
  [/\b(mep|medienentwicklungsplan\w*)\b/, 'Medienentwicklungsplan (MEP)'],
  [/\b(mbk|medienbildungskonzept\w*)\b/, 'Medienbildungskonzept (MBK)'],
  [/\btechnische\w* konzept\w*|\bwlan\b|\bnetzwerk\w*|\bverkabelung\b/, 'Technisches Konzept'],
  [/\b(rop|roll-?out-?plan\w*|foerderjahr\w*)\b/, 'Roll-Out-Plan'],
  [/\b(antrag\w*|foerderantrag\w*|lfi)\b/, 'Förderantrag beim LFI'],
  [/\b(mittelabruf\w*|abrechnung\w*|erstattung\w*)\b/, 'Mittelabruf und Abrechnung'],
  [/\bverwendungsnachweis\w*\b/, 'Verwendungsnachweis'],
  [/\b(digitalpakt 2\.0|dp 2\.0|neuer digitalpakt)\b/, 'DigitalPakt 2.0'],
  [/\b(sdm|schuldienstemanagement\w*)\b/, 'SchulDiensteManagementsystem (SDM)'],
];

export function extractTopic(text: string): string | undefined {
  const folded = foldUmlauts(text);
  const topics = topicPatterns.filter(([pattern]) => pattern.test(folded)).map(([, label]) => label);
  const explicit = /\b(?:thema|zum thema|es geht um|wegen|bezueglich|zu unserem|zu unserer|zum|zur)\s*:?\s+([^.?!\n]{4,80})/.exec(folded);
  if (topics.length > 0) return topics.join(', ');
  if (explicit) return text.slice(explicit.index, explicit.index + explicit[0].length).replace(/^\S+\s+(?:thema\s*:?\s*)?/i, '').trim();
  return undefined;
}


/** Facts of a Roll-Out-Plan change request found in one message, checked against master data. */
const currentYearPattern =
  /\b(?:von|aus|bisher|statt|aktuell|derzeit|urspruenglich)\s+(?:dem\s+)?(?:(?:foerder)?jahr\s+)?(20\d{2})\b|\b(?:steht|stehen|steh|ist|sind|war|waren|geplant|eingeplant|vorgesehen|eingetragen|drin)\s+(?:\w+\s+){0,3}?(?:bei|auf|in|im|mit|fuer|fuers)\s+(?:dem\s+|das\s+)?(?:(?:foerder)?jahr\s+)?(20\d{2})\b/;

export function extractRopChange(text: string, master: MasterDataMatch): RopChangeFacts {
  const folded = foldUmlauts(text);
  // The year the plan names now ("von 2022", "steht bei 2022", "ist für 2022 vorgesehen") is read
  // first and taken out, so that its "bei/auf/in" is not mistaken for the year asked for.
  const currentMatch = currentYearPattern.exec(folded);
  const current = currentMatch?.[1] ?? currentMatch?.[2];
  const rest = currentMatch ? folded.replace(currentMatch[0], ' ') : folded;
  const requested = /\b(?:auf|nach|in|ins|zum|fuer|erst|lieber)\s+(?:das\s+)?(?:(?:foerder)?jahr\s+)?(20\d{2})\b/.exec(rest)?.[1];
  const reasonMatch = /\b(weil|da|denn|aufgrund|wegen|grund:|begruendung:?)\s+([^\n]{5,300})/.exec(folded);
  const reason = reasonMatch ? text.slice(reasonMatch.index, reasonMatch.index + reasonMatch[0].length).trim() : undefined;
  const schoolNames = master.schools.map((school) => school.name);
  const namedSchools = [...text.matchAll(/\b((?:Grundschule|Regionale Schule|Gymnasium|Gesamtschule|Förderschule|Berufliche Schule|Schule|Schulzentrum)[^,.;()\n]{0,40})/g)].map((match) => match[1]!.replace(/\s+(von|auf|im|ins|in|für|bitte|weil|da)\b.*$/i, '').trim());
  const years = master.years;
  return {
    schools: [...new Set([...schoolNames, ...namedSchools.filter((name) => name.split(/\s+/).length >= 2 && !schoolNames.some((known) => known.includes(name)))])],
    dienststellennummern: master.dienststellennummern,
    requestedYear: requested ? Number(requested) : years.length === 1 && !current && !/\b(steht|stehen|geplant|vorgesehen|eingeplant|eingetragen)\b/.test(folded) ? years[0] : undefined,
    currentYear: current ? Number(current) : master.schools.find((school) => school.ropFundingYear)?.ropFundingYear ?? undefined,
    reason,
  };
}


export function extractOffer(text: string, master: MasterDataMatch): OfferFacts {
  const folded = foldUmlauts(text);
  const typeLabels: [RegExp, string][] = [
    [/grundschul/, 'Grundschule'],
    [/regional\w* schul/, 'Regionale Schule'],
    [/gymnas/, 'Gymnasium'],
    [/gesamtschul/, 'Gesamtschule'],
    [/foerderschul/, 'Förderschule'],
    [/berufl\w* schul|berufsschul/, 'Berufliche Schule'],
  ];
  const timeframe = /\b(bis (ende |mitte |anfang )?(\d{4}|januar|februar|maerz|april|mai|juni|juli|august|september|oktober|november|dezember)[^,.]*|im (fruehjahr|sommer|herbst|winter)[^,.]*|(im |ab )?(\d\.|erste\w*|zweite\w*) (quartal|halbjahr)[^,.]*|innerhalb von \d+ (wochen|monaten)|ab sofort|(noch )?in diesem jahr|naechste\w* jahr\w*)/.exec(folded);
  return {
    schoolBoard: master.schoolBoard?.name,
    schools: master.schools.map((school) => school.name),
    schoolTypes: typeLabels.filter(([pattern]) => pattern.test(folded)).map(([, label]) => label),
    pupilNumbers: [...folded.matchAll(/(\d{1,4})\s*(schueler\w*|kinder)/g)].map((match) => Number(match[1])),
    timeframe: timeframe?.[0],
  };
}
