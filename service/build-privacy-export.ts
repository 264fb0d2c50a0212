import { readAttachmentFile } from '../email/attachment-files.ts';
import type { PrismaClient } from '../prisma/client.ts';
import { exportPersonalData, type PersonQuery, type RetentionPolicy } from '../tickets/index.ts';

const day = (date: Date) => date.toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin' });

function coverSheet(data: Awaited<ReturnType<typeof exportPersonalData>>, retention: RetentionPolicy, now: Date): string {
  const who = [data.person.email, data.person.teamsId, data.person.name].filter(Boolean).join(', ');
  return [
    'Auskunft nach Art. 15 DSGVO',
    `Zweckverband eGo-MV, Sachgebiet Schul-IT – Schul-IT Assistent, erstellt am ${day(now)}`,
    '',
    `Betroffene Person: ${who}`,
    '',
    'Diese Datei enthält alle Daten, die der Schul-IT Assistent zu Ihnen gespeichert hat:',
    `- Vorgänge, die Sie gestellt haben, mit Ihren Nachrichten, Terminwünschen und Beratungsterminen: ${data.tickets.length}`,
    `- Nachrichten, die Sie in Vorgängen anderer geschrieben haben: ${data.messagesElsewhere.length}`,
    `- Chat- und Teams-Unterhaltungen mit den Antworten des Assistenten: ${data.conversations.length}`,
    `- Kontaktdatensätze (Name, E-Mail-Adresse, Teams-Kennung, Schulträger): ${data.contacts.length}`,
    `- Anhänge Ihrer Mails: ${data.attachments.length} (Ordner anhaenge/), Mails im Originaltext im Ordner mails/`,
    '',
    'Zweck: Beratung und Unterstützung der Schulträger im Förderverfahren DigitalPakt Schule (öffentliche Aufgabe, Art. 6 Abs. 1 lit. e DSGVO).',
    'Speicherdauer:',
    `- Vorgänge mit Nachrichten, Anhängen und Terminen: bis ${retention.closedTicketsDays} Tage nach dem Abschluss, danach anonymisiert (Nummer, Kategorie und Zeiten bleiben für die Statistik).`,
    `- Unterhaltungen ohne offenen Vorgang: ${retention.conversationsDays} Tage nach der letzten Nachricht.`,
    `- Fragen an den Assistenten (Antwortprotokoll): ${retention.answersDays} Tage.`,
    `- Zustellaufträge für Benachrichtigungen: ${retention.outboxDays} Tage nach der Zustellung.`,
    '',
    'Auf Wunsch löschen wir diese Daten; wenden Sie sich dafür an das Sachgebiet Schul-IT.',
    'Die Datei auskunft.json enthält dieselben Daten maschinenlesbar.',
    '',
  ].join('\n');
}

/** The ZIP handed to a person who asked what is stored about them: cover sheet, JSON, original mails, attachments. */
export async function buildPrivacyExport({ prisma, person, attachmentsDirectory, retention, now = new Date() }: { prisma: PrismaClient; person: PersonQuery; attachmentsDirectory: string; retention: RetentionPolicy; now?: Date }): Promise<{ zip: Buffer; counts: { tickets: number; conversations: number; attachments: number } }> {
  const data = await exportPersonalData({ prisma, person });
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  zip.file('anschreiben.txt', coverSheet(data, retention, now));
  zip.file('auskunft.json', JSON.stringify(data, null, 2));
  for (const ticket of data.tickets) {
    ticket.messages.forEach((message, index) => {
      if (message.direction === 'in' && (message.originalText ?? message.text)) zip.file(`mails/${ticket.number}-${String(index + 1).padStart(2, '0')}.txt`, message.originalText ?? message.text);
    });
  }
  let attachments = 0;
  const used = new Set<string>();
  for (const { storedAt, name } of data.attachments) {
    const content = await readAttachmentFile(attachmentsDirectory, storedAt);
    if (!content) continue;
    // The name from the mail, made safe for a ZIP entry; a second file of the same name gets a number.
    const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120) || 'anhang';
    let entry = safe;
    for (let copy = 2; used.has(entry); copy += 1) entry = safe.replace(/(\.[^.]*)?$/, (extension) => ` (${copy})${extension}`);
    used.add(entry);
    zip.file(`anhaenge/${entry}`, content);
    attachments += 1;
  }
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), counts: { tickets: data.tickets.length, conversations: data.conversations.length, attachments } };
}
