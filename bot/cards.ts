import type { Reply } from '../handlers/types.ts';
import { bookingStatusLabels, labelOf } from '../vocabulary/index.ts';

/** Adaptive Cards for Teams, schema 1.5 (the highest version Teams renders). */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: '1.5' };

const card = (body: unknown[], actions: unknown[] = []): AdaptiveCard => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body,
  ...(actions.length > 0 ? { actions } : {}),
});

const textBlock = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text, wrap: true, ...extra });

/** Teams renders Markdown in TextBlocks: keep the answer literal where it could be read as Markdown. */
function escapeMarkdown(text: string): string {
  return text.replace(/([*_`[\]])/g, '\\$1');
}

const execute = (title: string, verb: string, data: Record<string, unknown> = {}) => ({ type: 'Action.Execute', title, verb, data: { verb, ...data } });

/** The card of a reply: text, sources as links, feedback and next-step buttons, case facts. */
export function replyCard(reply: Reply, question: string): AdaptiveCard {
  const body: unknown[] = reply.text.split(/\n{2,}/).map((paragraph, index) => textBlock(escapeMarkdown(paragraph), index > 0 && paragraph.startsWith('Hinweis') ? { isSubtle: true, size: 'Small' } : {}));
  if (reply.citations.length > 0) {
    body.push(textBlock('Quellen', { weight: 'Bolder', spacing: 'Medium' }));
    for (const citation of reply.citations) {
      const label = [citation.title, citation.section].filter(Boolean).join(' – ') + (citation.sourceLabel ? ` (${citation.sourceLabel})` : '');
      body.push(textBlock(citation.source ? `[${escapeMarkdown(label)}](${citation.source})` : escapeMarkdown(label), { size: 'Small', spacing: 'None' }));
    }
  }
  const facts = [
    ...(reply.ticket ? [{ title: 'Vorgang', value: reply.ticket.number }] : []),
    ...(reply.booking ? [{ title: 'Beratung', value: labelOf(bookingStatusLabels, reply.booking.status) }] : []),
  ];
  if (facts.length > 0) body.push({ type: 'FactSet', facts });
  const actions: unknown[] = [];
  if (reply.suggestedActions.includes('feedback') && reply.answerId) {
    body.push(textBlock('Hat das geholfen?', { spacing: 'Medium', size: 'Small' }));
    actions.push(execute('👍 Ja', 'feedback', { answerId: reply.answerId, isHelpful: true }), execute('👎 Nein', 'feedback', { answerId: reply.answerId, isHelpful: false }));
  }
  if (reply.suggestedActions.includes('open_ticket')) actions.push(execute('Ticket eröffnen', 'open_ticket', { question }));
  if (reply.suggestedActions.includes('book_consultation')) actions.push(execute('Beratung anfragen', 'book_consultation'));
  return card(body, actions);
}

export function welcomeCard(): AdaptiveCard {
  return card(
    [
      textBlock('Willkommen beim Schul-IT Assistenten', { size: 'Large', weight: 'Bolder' }),
      textBlock('Ich beantworte Fragen zum DigitalPakt Schule in Mecklenburg-Vorpommern mit Quellen, nehme Anliegen als Vorgang auf und vermittle Beratungstermine mit dem Sachgebiet Schul-IT von eGo-MV.'),
      textBlock('Zum Beispiel: „Ist WLAN förderfähig?“, „Bitte verschieben Sie unsere Schule im Roll-Out-Plan“ oder „Wie ist der Stand bei SIT-2026-00042?“. In Kanälen erwähnen Sie mich mit @.', { isSubtle: true }),
      textBlock('Meine Antworten ersetzen keinen Zuwendungsbescheid.', { isSubtle: true, size: 'Small' }),
    ],
    [execute('Beratung anfragen', 'book_consultation')],
  );
}

export interface CaseCardOptions {
  ticketNumber: string;
  subject: string;
  category: string;
  priority: string;
  event: string;
  /** What the card is about ("Neue Nachricht der anfragenden Person"); by default from `event`. */
  heading?: string;
  /** Who has the case already (follow-ups, overdue notices). */
  assigneeName?: string;
  workspaceUrl: string;
  claimedBy?: string;
}

/** The advisors' channel card of a new case; after claiming it shows who took it, without the button. */
export function caseCard({ ticketNumber, subject, category, priority, event, heading = event === 'booking_requested' ? 'Neue Beratungsanfrage' : 'Neuer Vorgang', assigneeName, workspaceUrl, claimedBy }: CaseCardOptions): AdaptiveCard {
  const owner = claimedBy ?? assigneeName;
  return card(
    [
      textBlock(`${heading}: ${ticketNumber}`, { size: 'Medium', weight: 'Bolder' }),
      ...(subject ? [textBlock(escapeMarkdown(subject))] : []),
      { type: 'FactSet', facts: [{ title: 'Kategorie', value: category }, { title: 'Priorität', value: priority }, { title: 'Bearbeitung', value: owner ? `übernommen von ${owner}` : 'offen' }] },
    ],
    [...(owner ? [] : [execute('Übernehmen', 'claim', { ticketNumber })]), { type: 'Action.OpenUrl', title: 'Im Arbeitsbereich öffnen', url: workspaceUrl }],
  );
}
