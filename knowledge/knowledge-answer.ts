/** A citation as every channel renders it. */
export interface Citation {
  chunkId: string;
  title: string;
  section?: string;
  /** The section's most authoritative source. */
  source?: string;
  /** Set when that source is not an official statement (press, municipal minutes, another state). */
  sourceLabel?: string;
  /** All of the section's sources, most authoritative first. */
  sources?: string[];
  validFrom?: string;
  validUntil?: string;
}

export type AnswerOutcome = 'answered' | 'abstained' | 'out_of_scope';

/** What the knowledge base says to a question, with the evidence behind it. */
export interface KnowledgeAnswer {
  outcome: AnswerOutcome;
  text: string;
  citations: Citation[];
  /** 0..1; below the threshold the assistant does not answer. */
  confidence: number;
  /** The chunks the answer rests on (evidence for the audit trail). */
  chunkIds: string[];
  /** The model that wrote the text, or null for the offline composition. */
  model: string | null;
}

export const abstentionText =
  'Dazu finde ich in meinen Unterlagen keine verlässliche Aussage. Gern nehme ich Ihre Frage als Ticket auf, ' +
  'dann antwortet Ihnen eine Beraterin oder ein Berater des Sachgebiets Schul-IT. Sie können auch eine Beratung anfragen.';

export const outOfScopeText =
  'Dabei kann ich leider nicht helfen. Ich beantworte Fragen zum DigitalPakt Schule in Mecklenburg-Vorpommern: ' +
  'Förderung und Beträge, Antrag beim LFI, Medienbildungskonzept (MBK), Medienentwicklungsplan (MEP), technisches Konzept, ' +
  'Roll-Out-Plan und die Leistungen des Sachgebiets Schul-IT von eGo-MV. Für andere Anliegen wenden Sie sich bitte an die zuständige Stelle.';
