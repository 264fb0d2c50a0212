import { extractOffer } from '../extract-slots.ts';
import type { FactDialogue } from './collect-ticket-facts.ts';
import type { OfferFacts } from './dialogue-state.ts';

/** A request for an offer (e.g. writing the MEP): who, which schools, how many pupils, when. */
export const offerDialogue: FactDialogue<OfferFacts> = {
  kind: 'offer',
  category: 'mep',
  intro: 'Damit wir Ihnen ein passendes Angebot erstellen können',
  labels: {
    schoolBoard: 'den Schulträger',
    schools: 'die betroffenen Schulen',
    schoolTypes: 'die Schularten',
    pupilNumbers: 'die Schülerzahlen je Schule',
    timeframe: 'den gewünschten Zeitraum',
  },
  empty: () => ({ schools: [], schoolTypes: [], pupilNumbers: [] }),
  extract: extractOffer,
  missing(facts) {
    const missing: string[] = [];
    if (!facts.schoolBoard) missing.push('schoolBoard');
    if (facts.schools.length === 0 && facts.schoolTypes.length === 0) missing.push('schools');
    if (facts.schoolTypes.length === 0) missing.push('schoolTypes');
    if (facts.pupilNumbers.length === 0) missing.push('pupilNumbers');
    if (!facts.timeframe) missing.push('timeframe');
    return missing;
  },
  subject: () => 'Angebotsanfrage MEP',
  knownFromRequester: (facts, requester) => (facts.schoolBoard || !requester?.schoolBoard ? facts : { ...facts, schoolBoard: requester.schoolBoard.name }),
};
