import type { TicketSummary } from '../tickets/index.ts';
import { categoryLabels, priorityLabels, type ChannelCode } from '../vocabulary/index.ts';
import { formatGermanDateTime, germanList } from './turn-context.ts';
import type { Reply } from './types.ts';

/** "Ich habe Ihr Anliegen als Vorgang … aufgenommen": number, category, priority, when we answer, what is missing. */
export function ticketConfirmation({ ticket, missingLabels, channel, isProven = true }: { ticket: TicketSummary; missingLabels: string[]; channel: ChannelCode; isProven?: boolean }): Reply {
  const due = ticket.dueAt ? ` Wir melden uns in der Regel bis ${formatGermanDateTime(ticket.dueAt)}.` : '';
  const gaps = missingLabels.length > 0 ? ` Noch offen sind: ${germanList(missingLabels)}; das Sachgebiet fragt bei Bedarf nach.` : '';
  const labels = `Kategorie: ${categoryLabels[ticket.category]}, Priorität: ${priorityLabels[ticket.priority]}`;
  const text =
    channel === 'email'
      ? `vielen Dank für Ihre Nachricht. Wir haben sie unter der Vorgangsnummer ${ticket.number} aufgenommen (${labels}).${due}${gaps} Bitte behalten Sie die Nummer [${ticket.number}] im Betreff, wenn Sie antworten.`
      : isProven
        ? `Vielen Dank. Ich habe Ihr Anliegen als Vorgang ${ticket.number} aufgenommen (${labels}).${due}${gaps} Den Stand erfahren Sie jederzeit mit der Frage „Wie ist der Stand bei ${ticket.number}?“.`
        : `Vielen Dank. Ich habe Ihr Anliegen als Vorgang ${ticket.number} aufgenommen (${labels}).${due}${gaps} Antworten des Sachgebiets erscheinen hier in dieser Unterhaltung. Per E-Mail, und mit Auskunft zum Stand, erhalten Sie sie, sobald Ihre E-Mail-Adresse bestätigt ist: Fordern Sie dafür in dieser Anwendung einen Bestätigungscode an, er kommt an Ihre Adresse.`;
  return {
    text,
    citations: [],
    suggestedActions: [],
    ticket: { number: ticket.number, category: ticket.category, priority: ticket.priority, status: ticket.status },
  };
}
