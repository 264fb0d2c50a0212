import { stem, tokenize } from './german-analyzer.ts';

/**
 * Whether a question belongs to what the assistant covers (DigitalPakt Schule in MV and the
 * Schul-IT services) at all. Retrieval scores alone cannot tell: "Elterngeld in
 * Mecklenburg-Vorpommern beantragen" shares words with the knowledge base. A question is in scope
 * when it names a topic of the programme, and out of scope when it names a known foreign topic and
 * no programme topic, or no programme topic at all.
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
  ].map((word) => stem(word)),
);

const foreignTopics = new Set(
  [
    'wett', 'wetter', 'ferien', 'sommerferi', 'urlaub', 'feiertag', 'ozg', 'onlinezugangsgesetz', 'kita', 'kitagebuhr', 'elterngeld',
    'kindergeld', 'personalausweis', 'reisepass', 'hundesteu', 'steuer', 'rezept', 'kochen', 'fussball', 'hansa', 'spiel',
    'bewerb', 'bewerbung', 'gehalt', 'schulbus', 'busverkehr', 'ratsinformationssyst', 'mull', 'parkplatz', 'wahl', 'baugenehmigung',
  ].map((word) => stem(word)),
);

export type QuestionScope = 'in_scope' | 'out_of_scope' | 'unclear';

export function classifyQuestionScope(text: string): QuestionScope {
  const stems = tokenize(text).map((word) => stem(word));
  const hasDomainTopic = stems.some((term) => domainStems.has(term) || [...domainStems].some((domain) => domain.length >= 6 && term.startsWith(domain)));
  const hasForeignTopic = stems.some((term) => foreignTopics.has(term));
  if (hasForeignTopic && !hasDomainTopic) return 'out_of_scope';
  if (hasDomainTopic) return 'in_scope';
  return 'unclear';
}
