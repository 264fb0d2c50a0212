/**
 * Reduces a message to the words that carry the question: drops mail greetings, closing formulas
 * and the signature block after them, so "Mit freundlichen Grüßen / Amt XY" does not steer the
 * search. The full message stays untouched wherever it is stored.
 */
const greeting = /^\s*(sehr geehrte[rs]?|liebe[rs]?|hallo|guten (tag|morgen|abend)|moin|hi)\b[^\n]*\n/i;
const closing = /\n\s*(mit freundlichen gr(ü|ue)(ß|ss)en|freundliche gr(ü|ue)(ß|ss)e|viele gr(ü|ue)(ß|ss)e|beste gr(ü|ue)(ß|ss)e|mfg|gru(ß|ss)|vg|lg|danke und gr(ü|ue)(ß|ss)e)\b[\s\S]*$/i;

export function cleanQuestion(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(greeting, '').replace(closing, '').trim();
}

/**
 * Words that say what kind of fact is asked for; added to the query so "wie viel" finds amounts
 * and "bis wann" finds deadlines even when the noun is missing.
 */
const questionCues: [RegExp, string][] = [
  // Not for counts and units ("wie viel Mbit", "wie viele Schulen"): those want a number, not an amount of money.
  [/\bwie ?viel(?!e?\s+(mbit|gbit|mb|gb|bandbreite|schüler\w*|lehrkräfte|lehrer\w*|geräte|tablets|laptops|schulen|schulträger|träger|stunden|tage|wochen|monate|jahre|zeit)\b)|\bwie hoch|\bbetr(a|ä)gt|\bsumme\b|\bkostet/i, 'Betrag EUR'],
  [/\bbis wann\b|\bwann (endet|l(ä|ae)uft)|\bfrist/i, 'Frist'],
  [/\bwer (ist|hilft|ber(ä|ae)t)|\ban wen\b|\bansprechpartner/i, 'Ansprechpartner zuständig'],
  [/\b(gibt?s geld|gibt es geld)/i, 'förderfähig'],
];

/**
 * Everyday words for what the documents say in official terms ("absegnen" is "beschließen",
 * "Kohle" is "Geld"); the official word is added, the person's word stays. Two words of one rule
 * are at most 80 characters apart within a sentence: an unbounded gap made a hostile 100 KB
 * message cost over a second of matching (quadratic); bounded, it costs milliseconds.
 */
const colloquialTerms: [RegExp, string][] = [
  [/\b(absegn\w*|abnick\w*|genehmig\w*|zustimm\w*)/i, 'beschließen Beschluss'],
  // Whoever decides in the municipality is asked about for its decision ("muss das durch die Gemeindevertretung?").
  [/\b(gemeindevertretung|stadtvertretung|gemeinderat|stadtrat|kreistag|amtsausschuss|bürgermeister(in)?)\b/i, 'beschließen Beschluss'],
  [/\b(kohle|knete|zaster|moneten)\b/i, 'Geld'],
  [/\b(kriegen|kriegt|krieg(e|st)?)\b/i, 'bekommen erhalten'],
  // What goes into a document: "was gehört alles in so einen MEP rein", "was muss da drin sein".
  [/\b(ins?|in den|in die|in das)\s+\S+\s+rein\b|\bwas (muss|soll|gehört) (alles )?(da )?(rein|drin)|\bwas (muss|soll|gehört)\b[^.?!]{0,60}\b(rein|hinein)\b/i, 'Inhalt enthalten'],
  // Money counted per school: "kriegen wir dreimal den Sockel", "Geld für jede einzelne Schule oder
  // pro Träger". Not a limit or a document per school ("Gilt die Grenze für jede Schule?", "ein MBK für jede Schule").
  [/\b(zweimal|dreimal|viermal|mehrfach|mehrmals|doppelt)\b(?=[^.?!]{0,120}\b(sockel\w*|grundbetrag|pauschale)\b)|\b(sockel\w*|grundbetrag|pauschale)\b[^.?!]{0,120}\b(zweimal|dreimal|viermal|mehrfach|mehrmals|doppelt)\b|^(?![^.?!]{0,120}\b(grenze\w*|obergrenze|antr(a|ä)g\w*|konzept\w*|mbk|mep|plan)\b)(?=[^.?!]{0,120}\b(geld|sockel\w*|betrag|beträge|pauschale|kriegen|kriegt|bekommen|bekommt)\b)[^.?!]{0,120}(\b(für|pro|je) (jede (einzelne )?)?schule\b|\bjede (einzelne )?schule\b)/im, 'mehrfach jede Schule Dienststellennummer'],
  // "pro Schüler", "pro Kopf": the amount per pupil.
  [/\bpro (schüler\w*|kopf|kind|kinder)\b/i, 'je Schülerin und Schüler'],
  [/\b(tausch\w*|wechsel\w*)\b|\b(jahr|termin|förderjahr)\w*\b[^.?!]{0,80}\bverleg\w*|\bverleg\w*\b[^.?!]{0,80}\b(jahr|termin|förderjahr)/i, 'ändern Änderung'],
  [/\b(früher|eher|später) dran\b|\b(vorziehen|vorgezogen|nach hinten|nach vorne)\b/i, 'Förderjahr verschieben ändern'],
  [/\b(kabel|leitung)\w*\b[^.?!]{0,80}\b(verleg\w*|zieh\w*)|\b(verleg\w*)\b[^.?!]{0,80}\b(kabel|leitung)/i, 'Verkabelung Vernetzung'],
  [/\b(darlehen|kredit|geschenkt|schenkung)\b/i, 'Zuschuss rückzahlbar'],
  [/\b(vorschuss|vorkasse|im voraus)\b/i, 'Vorleistung Erstattungsprinzip Auszahlung'],
  [/\b(eigener|eigenen) tasche\b/i, 'Eigenanteil'],
  [/\b(zusammen|gemeinsam\w*|zusammenschlie(ß|ss)\w*|kooperier\w*|kooperation)\b[^.?!]{0,80}\bantr(a|ä)g\w*|\bantr(a|ä)g\w*\b[^.?!]{0,80}\b(zusammen|gemeinsam\w*)\b/i, 'gemeinsamer Antrag zusammenschließen'],
  [/\b(zusammen|gemeinsam\w*)\b[^.?!]{0,80}\b(mep|medienentwicklungsplan\w*)\b|\b(mep|medienentwicklungsplan\w*)\b[^.?!]{0,80}\b(zusammen|gemeinsam\w*)\b/i, 'gemeinsamer MEP mehrerer Schulträger'],
  [/\b(ausschreib\w*|ausgeschrieben|angebote? einhol\w*)|\b(auftrag|aufträge)\w*\b[^.?!]{0,80}\bvergeb\w*|\bvergeb\w*\b[^.?!]{0,80}\b(auftrag|aufträge)/i, 'Vergabe Vergaberecht'],
  [/\b(aussortier\w*|aussonder\w*|verschrott\w*|entsorg\w*|weiterverkauf\w*|verkaufen|behalten)\b/i, 'Zweckbindungsfrist'],
  // Paying first and getting the money later: "erst selber zahlen", "zahlen, bevor wir das Geld kriegen".
  [/\b(erst|erst ?mal|zunächst|vorher|vorab)\b[^.?!]{0,80}\b(selbst|selber)?\s*(be)?zahl\w*|\b(be)?zahl\w*\b[^.?!]{0,80}\bbevor\b/i, 'Vorleistung Erstattungsprinzip'],
  // "wie rechne ich aus, wie viel uns zusteht": how the amount is calculated.
  [/\b(ausrechn\w*|rechne[nt]?\b[^.?!]{0,40}\baus\b|errechn\w*)/i, 'Berechnungsformel berechnen'],
  [/\b(zusteh\w*|steht (uns|mir|der schule|dem träger) (eigentlich )?zu|stehen (uns|der schule) zu)\b/i, 'Förderung Höhe'],
  [/\bwer\b[^.?!]{0,80}\b(entscheid\w*|bewillig\w*|genehmig\w*|prüf\w*)/i, 'Bewilligungsstelle'],
  [/\bneue[nmrs]? digitalpakt\w*|\bdigitalpakt 2\b|\bnachfolge\w*/i, 'DigitalPakt 2.0'],
  [/\bland\w*\b[^.?!]{0,80}\b(oben ?drauf|dazu|drauf|aufstock\w*|zusätzlich)|\b(oben ?drauf|aufstock\w*|aufgestockt)/i, 'Landesanteil Kofinanzierung'],
  [/\b(planungsbüro|ingenieurbüro|planer|fachplaner)\b/i, 'Planung Begleitmaßnahmen'],
  // What the school already has (its equipment), not whether a document exists ("ist ein MBK vorhanden") or how a number is counted.
  [/\bwas wir (an \S+ )?(schon|bereits) (haben|da haben)\b|\bvorhandenen? (technik|geräte\w*|ausstattung|infrastruktur|hardware|netz\w*)\b|\b(bestandsliste|inventar\w*)\b/i, 'Bestandsaufnahme Dokumentation'],
  [/\b(ganz deutschland|deutschlandweit|bundesweit|alle bundesländer|alle länder)\b/i, 'Bund Länder insgesamt'],
  [/\b(systemadministrat\w*|sysadmin|it-betreuer\w*|systembetreu\w*|techniker(in)?\b[^.?!]{0,80}\b(stelle|einstellen|bezahlen))/i, 'Administration Personal'],
  [/\b(reparatur\w*|repariert|runtergefallen|runterfällt|geht kaputt)/i, 'Wartung Ersatzbeschaffung'],
  [/\b(bausteine?|bestandteile?|kapitel)\b/i, 'Teilkonzepte'],
  [/\bohne\s+(ein\w*\s+)?(mbk|medienbildungskonzept|mep|medienentwicklungsplan)\b/i, 'Pflicht Voraussetzung'],
  [/\b(rein|beilegen|beifügen|einreichen)\b[^.?!]{0,80}\b(förder)?antrag|\b(förder)?antrag\w*\b[^.?!]{0,80}\b(rein|beilegen|beifügen|beiliegen)\b/i, 'Unterlagen'],
  [/\b(handys?)\b/i, 'Smartphones'],
  [/\b(lehrer(in|innen)?|lehrern)\b/i, 'Lehrkräfte'],
  [/\b(kaputt|hinüber|im eimer)\b/i, 'defekt Reparatur Ersatzbeschaffung'],
  // "Wer wartet die Geräte?" is about maintenance; "wir warten seit März" is not.
  [/\b(wartet|warten|gewartet)\b(?!\s+(auf|seit|noch|schon|bis|immer|jetzt|gespannt|darauf|ab)\b)/i, 'Wartung'],
  [/\b(vorstrecken|vorfinanzier\w*|vorauszahl\w*|vorab)\b/i, 'Vorleistung Erstattungsprinzip'],
  [/\b(zurücküberweis\w*|zurück ?zahl\w*|rückzahl\w*)/i, 'zurückzahlen Rückforderung'],
  [/\b(firma|firmen|händler|dienstleister)\b/i, 'Unternehmen'],
  [/\b(einricht\w*|aufbau\w*|montage|montier\w*|anschlie(ß|ss)\w*)/i, 'Installation Inbetriebnahme'],
  [/\b(anforder\w*|abholen|abrufen)\b/i, 'Mittelabruf'],
  [/\b(abgerech\w*|abrechn\w*|schlussrechnung)/i, 'Abrechnung Abrechnungsfrist'],
  [/\b(zuzahl\w*|dazuzahl\w*|draufzahl\w*|dazu ?geben|selb(st|er) (zahlen|bezahlen|tragen))/i, 'Eigenanteil'],
  [/\b(apps?|lernprogramm\w*|lernsoftware|programme)\b/i, 'Software Lizenzen'],
  [/\b(schreib\w*|erarbeit\w*|aufstell\w*|verfass\w*)\b/i, 'erstellen erarbeiten'],
  [/\bin welchem jahr\b|\bwann (sind|ist) (wir|unsere schule) dran\b/i, 'Förderjahr Roll-Out-Plan'],
  [/\b(geplant|planen|plant)\b/i, 'Planung'],
  [/\bsofortprogramm\w*/i, 'Sofortausstattung'],
  [/\b(überarbeit\w*|aktualisier\w*|auf den neuesten stand|noch aktuell)/i, 'fortschreiben Fortschreibung'],
  [/\b(angefangen|anfang|gestartet|start\w*|begonnen|beginn\w*|losgegangen|ins leben gerufen)\b/i, 'Beginn gestartet Inkrafttreten'],
  // The price of eGo-MV's own services (consultation, an offer, a MEP written for the school board), not a funding amount.
  [/\b(kostet|kosten|kostenlos|preis\w*|gebühr\w*|bezahlen)\b[^.?!]{0,80}\b(beratung\w*|angebot\w*|leistung\w*|bei ihnen|bei euch|ego-?mv)|\b(beratung\w*|angebot\w*|leistung\w*|ego-?mv)\b[^.?!]{0,80}\b(kostet|kosten|kostenlos|preis\w*|gebühr\w*)/i, 'Preise Angebote Leistungen eGo-MV'],
  [/\b(richtig ausgegeben|nachweis\w*|nachgewiesen|prüf\w* ob)/i, 'Verwendungsnachweis'],
  // What is handed in once the project is done (the proof of use), not the application's enclosures.
  [/\b(am ende|zum schluss|zum abschluss|nach abschluss|abschließend|nach der umsetzung|wenn alles (fertig|umgesetzt|erledigt))\b[^.?!]{0,80}\b(unterlagen|einreich\w*|vorleg\w*|abgeschlossen|abschlie(ß|ss)\w*)|\b(unterlagen|einreich\w*|vorleg\w*)\b[^.?!]{0,80}\b(am ende|zum schluss|zum abschluss|abgeschlossen)\b/i, 'Verwendungsnachweis Abschluss'],
  [/\b(touchscreens?|touch-?displays?|großbildschirm\w*|bildschirm\w*|monitore?|beamer|projektor\w*|whiteboards?)\b/i, 'Displays interaktive Tafeln'],
  [/\b(vor|bevor|ohne|obwohl|noch kein\w*|noch nicht)\b[^.?!]{0,80}\b(bescheid\w*|bewilligung\w*|bewilligt|zusage|zugesagt|entschieden|entscheidung|genehmigt|genehmigung)\b/i, 'vorzeitiger Maßnahmebeginn'],
  // First come, first served: "bekommen die, die zuerst beantragen, mehr?".
  [/\b(wer zuerst kommt|zuerst|als erste\w*|schneller)\b[^.?!]{0,80}\b(antr(a|ä)g\w*|beantrag\w*)|\b(antr(a|ä)g\w*|beantrag\w*)\b[^.?!]{0,80}\b(zuerst|als erste\w*|schneller)\b/i, 'Windhundprinzip Verteilung'],
  [/\b(zentral für alle|für alle schulen|landesweit\w*|vom land zentral)/i, 'landesweite Maßnahmen'],
  [/\b(privat(e|en|er)? schul\w*|privatschul\w*|freie[nr]? (schul\w*|träger\w*)|freien trägerschaft|waldorf\w*|montessori\w*|konfessionell\w*)/i, 'Ersatzschulen'],
  [/\b(eigene[nmr]?|private[nmr]?) (laptops?|geräte\w*|tablets?|notebooks?|rechner)\b/i, 'private Geräte'],
];

/**
 * German separable verbs split in a sentence ("Wie rufen wir die Mittel ab?", "Wer segnet das MBK
 * ab?"): verb stem and particle within one clause stand for the infinitive the documents use.
 */
const separableVerbs: [stem: string, particle: string, infinitive: string][] = [
  ['ruf', 'ab', 'abrufen Mittelabruf'],
  ['segn', 'ab', 'absegnen beschließen Beschluss'],
  ['nick', 'ab', 'beschließen Beschluss'],
  ['stimm', 'zu', 'zustimmen beschließen Beschluss'],
  ['rechn', 'ab', 'abrechnen Abrechnung'],
  ['reich', 'ein', 'einreichen'],
  ['schaff', 'an', 'anschaffen Anschaffung'],
  ['schreib', 'aus', 'ausschreiben Vergabe'],
  ['zieh', 'vor', 'vorziehen Förderjahr verschieben'],
  ['streck', 'vor', 'vorstrecken Vorleistung'],
  ['zahl', 'zurück', 'zurückzahlen Rückforderung'],
  ['geb', 'aus', 'ausgeben'],
  ['stock', 'auf', 'aufstocken Landesanteil'],
  ['fang', 'an', 'anfangen Beginn'],
];
const separated = separableVerbs.map(([stem, particle, infinitive]) => [new RegExp(`\\b${stem}\\w*\\b[^.?!,;]{0,60}\\b${particle}\\s*[.?!,;]?\\s*$|\\b${stem}\\w*\\b[^.?!,;]{0,60}\\b${particle}\\b(?=\\s*[.?!,;])`, 'i'), infinitive] as const);

export function expandQuestion(text: string): string {
  const cues = [...questionCues, ...colloquialTerms, ...separated].filter(([pattern]) => pattern.test(text)).map(([, cue]) => cue);
  return cues.length > 0 ? `${text} ${cues.join(' ')}` : text;
}

const sentenceSegmenter = new Intl.Segmenter('de', { granularity: 'sentence' });
const pointsBack = /\b(das|dies\w*|dafür|dabei|davon|dazu|darauf|damit|solch\w*|so etwas)\b/i;
const aboutThePerson = /\b(ich bin|ich heiße|mein name|hier ist|hier schreibt|erreichbar|tel\.?|telefon|mobil|e-mail|mail an)\b|@|\d{3,}[\s/-]\d{3,}/i;
const asksSomething = /^(wie|was|wann|wer|wen|wem|wo|wofür|woher|wohin|warum|weshalb|wieso|welche\w*|gibt|gilt|ist|sind|kann|können|könnt|darf|dürfen|muss|müssen|soll|sollen|haben|hat|wird|werden|bekommen|reicht)\b/i;

/**
 * The message without the sentences in which the writer introduces themselves ("ich bin Petra
 * Lindenhahn vom Amt Kraakow, erreichbar unter …"): names, offices and numbers say nothing about
 * the topic, and a search that counts them as unmatched words would abstain on a plain question.
 */
export function withoutSelfIntroduction(text: string): string {
  const sentences = [...sentenceSegmenter.segment(text)].map((segment) => segment.segment);
  const kept = sentences.filter((sentence) => !(aboutThePerson.test(sentence) && !sentence.trim().endsWith('?') && !asksSomething.test(sentence.trim())));
  return kept.length > 0 && kept.length < sentences.length ? kept.join('').trim() : text;
}

/**
 * Only the sentences that ask something: those ending in a question mark or opening as a question
 * ("Wie…", "Können wir…"), and the sentence before one that points back to it ("…15 % Eigenanteil.
 * Ist das richtig?"). What the person says about themselves (name, office, phone) stays out. A
 * message without such a sentence is returned whole: it is the question.
 */
export function questionSentences(text: string): string {
  const sentences = [...sentenceSegmenter.segment(text.replace(/\s*\n\s*/g, '\n'))].map((segment) => segment.segment.trim()).filter(Boolean);
  const isAsking = (sentence: string) => sentence.endsWith('?') || asksSomething.test(sentence);
  // A question that points back ("Ist das richtig?", "Gibt es dafür eine Obergrenze?") keeps the
  // sentence it points to, unless that one is about the person.
  const kept = sentences.filter((sentence, index) => {
    if (isAsking(sentence)) return true;
    const next = sentences[index + 1];
    return next !== undefined && isAsking(next) && pointsBack.test(next) && !aboutThePerson.test(sentence);
  });
  return sentences.some(isAsking) ? kept.join(' ') : text;
}
