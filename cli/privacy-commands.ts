import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../errors.ts';
import { createPrivacyPort } from '../service/create-privacy-port.ts';
import { attachmentsDirectoryOf, retentionPolicyOf } from '../service/privacy-settings.ts';
import { deleteAttachmentFiles } from '../email/attachment-files.ts';
import { applyRetention, describesPerson, type PersonQuery } from '../tickets/index.ts';
import { purgeOldRowVersions } from '../prisma/purge-old-row-versions.ts';
import type { CommandContext } from './cli-io.ts';

interface PersonArguments {
  email?: string;
  teamsId?: string;
  name?: string;
}

function personOf(options: PersonArguments): PersonQuery {
  const person = { email: options.email, teamsId: options.teamsId, name: options.name };
  if (!describesPerson(person)) throw new AppError('invalid_input', 'No person given', { german: 'Bitte geben Sie --email, --teams-id oder --name an.' });
  return person;
}

/** "1 Vorgang", "3 Vorgänge": German counts with the right number. */
const counted = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const withPerson = (command: Command) =>
  command.option('--email <adresse>', 'E-Mail-Adresse der Person').option('--teams-id <objekt-id>', 'Entra-Objekt-ID des Teams-Kontos').option('--name <name>', 'Name, wie die Person ihn angegeben hat');

/** `schulit privacy search|export|erase|retention`: access and erasure requests, retention on demand (DSGVO). */
export function addPrivacyCommands(program: Command, { config, io, withDatabase }: CommandContext): void {
  const privacy = program.command('privacy').description('Datenschutz: Auskunft, Löschung, Löschfristen');
  withPerson(privacy.command('search').description('Zeigen, welche Daten zu einer Person gespeichert sind (vor einer Löschung)')).action(async (options: PersonArguments) => {
    const found = await withDatabase((database) => createPrivacyPort({ database, config }).preview(personOf(options)));
    io.out(`Vorgänge: ${found.tickets.length}${found.tickets.length > 0 ? ` (${found.tickets.map((ticket) => `${ticket.number}${ticket.legalHold ? ' – Aufbewahrung angeordnet' : ''}`).join(', ')})` : ''}`);
    io.out(`Nachrichten in anderen Vorgängen: ${found.messagesElsewhere}, Unterhaltungen: ${found.conversations}, Kontakte: ${found.contacts}, Benachrichtigungen: ${found.outbox}`);
  });
  withPerson(privacy.command('export').description('Auskunft nach Art. 15 DSGVO als ZIP-Datei'))
    .requiredOption('--out <datei>', 'Zieldatei, z. B. auskunft.zip')
    .action(async (options: PersonArguments & { out: string }) => {
      const { zip, counts } = await withDatabase((database) => createPrivacyPort({ database, config }).export(personOf(options)));
      await writeFile(options.out, zip);
      io.out(`Auskunft gespeichert in ${options.out}: ${counted(counts.tickets, 'Vorgang', 'Vorgänge')}, ${counted(counts.conversations, 'Unterhaltung', 'Unterhaltungen')}, ${counted(counts.attachments, 'Anhang', 'Anhänge')}.`);
    });
  withPerson(privacy.command('erase').description('Daten einer Person löschen bzw. anonymisieren (Art. 17 DSGVO)'))
    .option('--yes', 'ohne Rückfrage löschen (sonst nur Vorschau)')
    .action(async (options: PersonArguments & { yes?: boolean }) => {
      if (!options.yes) throw new AppError('invalid_input', 'Erasure not confirmed', { german: 'Zum Löschen bitte --yes angeben; was gelöscht würde, zeigt „schulit privacy search“.' });
      const erased = await withDatabase((database) => createPrivacyPort({ database, config }).erase(personOf(options)));
      io.out(`Gelöscht bzw. anonymisiert: ${counted(erased.tickets, 'Vorgang', 'Vorgänge')}, ${counted(erased.messages, 'Nachricht', 'Nachrichten')}, ${counted(erased.conversations, 'Unterhaltung', 'Unterhaltungen')}, ${counted(erased.contacts, 'Kontakt', 'Kontakte')}, ${counted(erased.attachments, 'Anhang', 'Anhänge')}; Erwähnungen ersetzt in ${counted(erased.mentions, 'Datensatz', 'Datensätzen')}.`);
      if (erased.held.length > 0) io.out(`Wegen angeordneter Aufbewahrung nicht gelöscht: ${erased.held.join(', ')}`);
    });
  privacy
    .command('hold <vorgangsnummer>')
    .description('Aufbewahrung anordnen: der Vorgang bleibt über Löschfristen und Löschanfragen hinaus erhalten')
    .option('--lift', 'die Aufbewahrung aufheben')
    .option('--reason <grund>', 'Grund, z. B. Aktenzeichen eines Verfahrens')
    .action(async (ticketNumber: string, options: { lift?: boolean; reason?: string }) => {
      const result = await withDatabase((database) => createPrivacyPort({ database, config }).setLegalHold(ticketNumber.trim().toUpperCase(), !options.lift, options.reason));
      io.out(result.legalHold ? `Aufbewahrung für ${result.number} angeordnet.` : `Aufbewahrung für ${result.number} aufgehoben; die Löschfristen gelten wieder.`);
    });
  privacy
    .command('retention')
    .description('Die Löschfristen jetzt anwenden (läuft sonst im Dienst alle RETENTION_INTERVAL_MINUTES)')
    .action(async () => {
      const report = await withDatabase(async (database) => {
        const applied = await applyRetention({ prisma: database.prisma, policy: retentionPolicyOf(config) });
        if (applied.tickets + applied.conversations + applied.answers + applied.outboxDeleted + applied.dedupeDeleted + applied.verificationsDeleted + applied.rateLimitsDeleted > 0) await purgeOldRowVersions(database);
        return applied;
      });
      const files = await deleteAttachmentFiles(attachmentsDirectoryOf(config), report.attachmentsToDelete);
      io.out(`Anonymisiert: ${counted(report.tickets, 'Vorgang', 'Vorgänge')}, ${counted(report.conversations, 'Unterhaltung', 'Unterhaltungen')}, ${counted(report.answers, 'Fragetext', 'Fragetexte')}; gelöscht: ${counted(report.outboxDeleted, 'Benachrichtigung', 'Benachrichtigungen')}, ${counted(report.dedupeDeleted, 'Dublettenvermerk', 'Dublettenvermerke')}, ${counted(report.verificationsDeleted, 'Code', 'Codes')}, ${counted(files, 'Anhang', 'Anhänge')}.`);
    });
}
