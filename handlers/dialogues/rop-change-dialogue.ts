import { extractRopChange } from '../extract-slots.ts';
import type { FactDialogue } from './collect-ticket-facts.ts';
import type { RopChangeFacts } from './dialogue-state.ts';

/**
 * A change request to the Roll-Out-Plan: which school (name and Dienststellennummer), from which
 * funding year to which, and why. The advisors cannot act on it without these.
 */
export const ropChangeDialogue: FactDialogue<RopChangeFacts> = {
  kind: 'rop_change',
  category: 'rop_aenderung',
  intro: 'Damit das Sachgebiet Schul-IT Ihren Änderungswunsch zum Roll-Out-Plan bearbeiten kann',
  labels: {
    schools: 'die betroffene Schule (Name)',
    dienststellennummern: 'die Dienststellennummer der Schule',
    currentYear: 'das bisherige Förderjahr laut Roll-Out-Plan',
    requestedYear: 'das gewünschte Förderjahr',
    reason: 'eine kurze Begründung',
  },
  empty: () => ({ schools: [], dienststellennummern: [] }),
  extract: extractRopChange,
  missing(facts) {
    const missing: string[] = [];
    if (facts.schools.length === 0 && facts.dienststellennummern.length === 0) missing.push('schools');
    if (facts.dienststellennummern.length === 0) missing.push('dienststellennummern');
    if (!facts.currentYear) missing.push('currentYear');
    if (!facts.requestedYear) missing.push('requestedYear');
    if (!facts.reason) missing.push('reason');
    return missing;
  },
  subject: (facts) => `Änderungswunsch Roll-Out-Plan${facts.schools.length > 0 ? `: ${facts.schools.join(', ')}` : ''}`,
};
