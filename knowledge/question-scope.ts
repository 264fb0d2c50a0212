import { stem, tokenize } from './german-analyzer.ts';

/**
 * Whether a question belongs to what the assistant covers (DigitalPakt Schule in MV and the
 * Schul-IT services) at all. Retrieval scores alone cannot tell: "Elterngeld in
 * Mecklenburg-Vorpommern beantragen" shares words with the knowledge base. Two lexicons decide:
 * the programme's own topics (strong: DigitalPakt, MEP, LFI, devices, networks …) and the everyday
 * words of a funding procedure (weak: money, payment, invoices, deadlines, keeping equipment,
 * teachers …), which school-board staff use far more often than the programme's terms. A question
 * with either is in scope, unless it names a foreign topic (Elterngeld, Hundesteuer) and nothing
 * of the programme itself. Whatever is left is "unclear", and the answer path decides by how well
 * the knowledge base matches it.
 */
const domainStems = new Set(
  [
    'digitalpakt', 'dp', 'forder', 'forderung', 'fordermittel', 'forderantrag', 'forderfahig', 'forderbar', 'gefordert', 'zuwendung',
    'antrag', 'antragstellung', 'bewilligung', 'bescheid', 'lfi', 'landesforderinstitut', 'mittelabruf', 'abruf', 'erstattung',
    'verwendungsnachweis', 'mep', 'medienentwicklungsplan', 'mbk', 'medienbildungskonzept', 'rop', 'rolloutplan', 'forderjahr',
    'sockelbetrag', 'sockel', 'schultrager', 'ersatzschul', 'endgerat', 'tablet', 'ipad', 'laptop', 'notebook', 'smartphon',
    'wlan', 'netzwerk', 'vernetzung', 'verkabelung', 'server', 'schulserv', 'switch', 'glasfas', 'breitband', 'mdm', 'tafel',
    'smartboard', 'display', 'dokumentenkamera', 'digital', 'sofortausstattung', 'leihgerat', 'administration', 'admin',
    'eg', 'ego', 'schul-it', 'mpz', 'medienpadagog', 'regionalbeauftragt', 'multiplikator', 'sdm', 'schuldienstemanagementsystem',
    'datenschutz', 'ausstattung', 'infrastruktur', 'konzept', 'technisch', 'beratung', 'kofinanzierung', 'eigenanteil',
    'lenkungsgrupp', 'richtlini', 'vergab', 'ausschreibung', 'medienkund', 'kompetenzbereich', 'handreichung', 'it',
    'beamer', 'projektor', 'lautsprech', 'computer', 'rechner', 'drucker', 'kamera', 'software', 'lizenz', 'gerat', 'anschaffung', 'whiteboard',
    'dienstlaptop', 'dienstgerat', 'zweckbindung', 'zweckbindungsfrist', 'mittelanforderung', 'schulhomepag', 'homepag', 'webseit', 'websit',
  ].map((word) => stem(word)),
);

/** Everyday words of a funding procedure: in scope unless the question names a foreign topic and nothing of the programme. */
const procedureStems = new Set(
  [
    'geld', 'euro', 'eur', 'betrag', 'summ', 'kost', 'bezahl', 'zahl', 'zahlung', 'auszahl', 'auszahlung', 'ausgezahlt', 'rechnung', 'vorleistung',
    'vorleist', 'vorfinanzi', 'vorkass', 'zuruckzahl', 'zuruckzahlen', 'ruckzahl', 'ruckforder', 'ruckforderung', 'erstatt', 'zuschuss', 'budget',
    'mittel', 'finanzi', 'finanzier', 'haushalt', 'frist', 'stichtag', 'deadlin', 'verlang', 'behalt', 'aussonder', 'aussortier', 'verkauf',
    'lehr', 'lehrer', 'lehrerin', 'lehrkraft', 'lehrkraft', 'schulleit', 'formular', 'unterlag', 'nachweis', 'beleg', 'ausgab', 'kauf', 'kaufen',
    'beschaff', 'beschaffung', 'bestell', 'angebot', 'dienstleist', 'dienstleister', 'wartung', 'support', 'reparatur', 'ersatz', 'fortbild',
    'bewillig', 'genehmig', 'verschieb', 'termin', 'schul', 'schule', 'klass', 'klassenzimm', 'unterricht', 'gebaud', 'sanier',
    'kostet', 'kohle', 'technik', 'betrieb', 'prozent', 'ministerium', 'abgerechnet', 'abrechnung', 'abrechn', 'verfahren', 'beantrag',
    'schulerzahl', 'berechnung', 'grundbetrag', 'gymnasium', 'schulzentrum', 'grundschul', 'regionalschul', 'forderschul', 'berufsschul',
    'medienentwick', 'vorgang', 'anfrag', 'neuigkeit', 'beratungstermin',
  ].map((word) => stem(word)),
);
const foreignTopics = new Set(
  [
    'wett', 'wetter', 'ferien', 'sommerferi', 'urlaub', 'feiertag', 'ozg', 'onlinezugangsgesetz', 'kita', 'kitagebuhr', 'elterngeld',
    'kindergeld', 'personalausweis', 'reisepass', 'hundesteu', 'steuer', 'rezept', 'kochen', 'fussball', 'hansa', 'spiel',
    'bewerb', 'bewerbung', 'gehalt', 'schulbus', 'busverkehr', 'einschul', 'einschulung', 'schulanmeld', 'ratsinformationssyst', 'mull', 'parkplatz', 'wahl', 'baugenehmigung',
  ].map((word) => stem(word)),
);

export type QuestionScope = 'in_scope' | 'out_of_scope' | 'unclear';

const matches = (lexicon: Set<string>, term: string) => lexicon.has(term) || [...lexicon].some((entry) => entry.length >= 6 && term.startsWith(entry));

export function classifyQuestionScope(text: string): QuestionScope {
  const stems = tokenize(text).map((word) => stem(word));
  const hasDomainTopic = stems.some((term) => matches(domainStems, term));
  const hasProcedureWord = stems.some((term) => matches(procedureStems, term));
  // Compounds end in their topic: Kommunalwahl, Hundesteuer.
  const hasForeignTopic = stems.some((term) => foreignTopics.has(term) || [...foreignTopics].some((topic) => topic.length >= 4 && term.length > topic.length && term.endsWith(topic)));
  if (hasForeignTopic && !hasDomainTopic) return 'out_of_scope';
  if (hasDomainTopic || hasProcedureWord) return 'in_scope';
  return 'unclear';
}
