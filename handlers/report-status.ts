import { findTicketNumber } from '../tickets/index.ts';
import { ticketStatusPhrases } from '../vocabulary/index.ts';
import { formatGermanDateTime, type TurnContext } from './turn-context.ts';
import type { HandledMessage } from './types.ts';

const noInformation =
  'Zu dieser Vorgangsnummer kann ich Ihnen keine Auskunft geben. Auskunft erhält nur, wer das Anliegen gestellt hat, ' +
  'und zwar über denselben Weg (dieselbe E-Mail-Adresse oder dasselbe Teams-Konto). Bitte prüfen Sie die Nummer ' +
  '(Format SIT-2026-00042) oder fragen Sie von dem Konto aus, mit dem Sie das Anliegen gestellt haben.';

const verifyFirst =
  'Im Chat nenne ich den Stand erst, wenn Ihre E-Mail-Adresse bestätigt ist: Fordern Sie dafür in dieser Anwendung einen Bestätigungscode an, ' +
  'er kommt an Ihre Adresse. Oder schreiben Sie uns von der Adresse aus, mit der Sie das Anliegen gestellt haben.';

/** The status of a ticket, for its requester only; everyone else gets the same neutral answer. */
export async function reportStatus(context: TurnContext): Promise<HandledMessage> {
  const { message, deps } = context;
  const ticketNumber = message.ticketReference ?? findTicketNumber(message.text);
  if (!ticketNumber) {
    return {
      intent: 'status',
      replies: [{ text: 'Gern nenne ich Ihnen den Stand. Bitte geben Sie die Vorgangsnummer an, zum Beispiel SIT-2026-00042; Sie finden sie in unserer Bestätigung.', citations: [], suggestedActions: [] }],
    };
  }
  // Only what the channel proved identifies the requester; a typed address or user id does not.
  const isProven = message.sender.isProven === true;
  const view = await deps.tickets.findTicketStatus({
    ticketNumber,
    email: isProven ? message.sender.email : undefined,
    teamsId: isProven ? message.sender.aadObjectId : undefined,
    channelUserId: isProven && message.sender.id ? `${message.channel}:${message.sender.id}` : undefined,
  });
  if (!view) return { intent: 'status', replies: [{ text: isProven ? noInformation : `${noInformation} ${verifyFirst}`, citations: [], suggestedActions: [] }] };
  const who = view.assigneeFirstName ? `Es kümmert sich ${view.assigneeFirstName} aus dem Sachgebiet Schul-IT darum.` : 'Es ist noch keiner Beraterin und keinem Berater zugewiesen.';
  return {
    intent: 'status',
    replies: [
      {
        text: `Ihr Anliegen ${view.number} („${view.subject}“) ist derzeit ${ticketStatusPhrases[view.status]}. ${who} Letzte Änderung: ${formatGermanDateTime(view.lastUpdate)}.`,
        citations: [],
        suggestedActions: [],
      },
    ],
  };
}
