import type { Command } from 'commander';
import { AppError } from '../errors.ts';
import type { PrismaClient } from '../prisma/client.ts';
import { addAdvisor, issueAdvisorToken, listAdvisorTokens, normaliseAdvisorEmail, revokeAdvisorToken } from '../tickets/index.ts';
import type { CommandContext } from './cli-io.ts';

interface AddAdvisorArguments {
  name: string;
  email: string;
  role: string;
  topics: string;
  regions: string;
  teamsId?: string;
}

const split = (text: string) => text.split(',').map((part) => part.trim()).filter(Boolean);
const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : '–');

async function advisorByEmail(prisma: PrismaClient, email: string) {
  const address = normaliseAdvisorEmail(email);
  const advisor = await prisma.advisor.findUnique({ where: { email: address } });
  if (!advisor) throw new AppError('not_found', `No advisor ${address}`, { german: `Unter ${address} gibt es kein Konto. Anlegen: schulit advisor add --name … --email ${address}` });
  return advisor;
}

/** `schulit advisor add|token|tokens|revoke-token`: accounts and their sign-in tokens. */
export function addAdvisorCommands(program: Command, { config, io, withDatabase }: CommandContext): void {
  const advisor = program.command('advisor').description('Beraterinnen und Berater');
  advisor
    .command('add')
    .description('Berater anlegen; gibt das erste Zugangstoken einmalig aus (eine vorhandene Adresse wird abgelehnt)')
    .requiredOption('--name <name>', 'Name')
    .requiredOption('--email <adresse>', 'E-Mail-Adresse')
    .option('--role <rolle>', 'advisor oder admin', 'advisor')
    .option('--topics <kategorien>', 'Kategorien, kommagetrennt (z. B. foerderantrag,rop_aenderung)', '')
    .option('--regions <regionen>', 'Regionen, kommagetrennt', '')
    .option('--teams-id <objekt-id>', 'Entra-Objekt-ID des Teams-Kontos (Anmeldung im Teams-Tab, Übernehmen aus Teams-Karten)')
    .action(async (options: AddAdvisorArguments) => {
      const role = options.role;
      if (role !== 'advisor' && role !== 'admin') {
        throw new AppError('invalid_input', `Unknown role ${role}`, { german: `Unbekannte Rolle „${role}“ (erlaubt: advisor, admin).` });
      }
      const created = await withDatabase((database) =>
        addAdvisor({ prisma: database.prisma, name: options.name, email: options.email, role, topics: split(options.topics), regions: split(options.regions), teamsAadObjectId: options.teamsId, tokenTtlDays: config.ADVISOR_TOKEN_TTL_DAYS }),
      );
      io.out(`Berater ${created.advisor.name} <${created.advisor.email}> (${created.advisor.role}) angelegt.`);
      io.out(`Zugangstoken (wird nur jetzt angezeigt, gültig bis ${day(created.expiresAt)}): ${created.token}`);
    });
  advisor
    .command('token')
    .description('Weiteres Zugangstoken für ein vorhandenes Konto ausstellen (die bisherigen bleiben gültig)')
    .requiredOption('--email <adresse>', 'E-Mail-Adresse des Kontos')
    .option('--label <bezeichnung>', 'wofür das Token ist, z. B. „Laptop“')
    .action(async (options: { email: string; label?: string }) => {
      const issued = await withDatabase(async (database) => {
        const account = await advisorByEmail(database.prisma, options.email);
        return issueAdvisorToken({ prisma: database.prisma, id: account.id, ttlDays: config.ADVISOR_TOKEN_TTL_DAYS, label: options.label });
      });
      io.out(`Zugangstoken ${issued.prefix}… (wird nur jetzt angezeigt, gültig bis ${day(issued.expiresAt)}): ${issued.token}`);
    });
  advisor
    .command('tokens')
    .description('Zugangstoken eines Kontos auflisten (nur Anfang, nie das Token selbst)')
    .requiredOption('--email <adresse>', 'E-Mail-Adresse des Kontos')
    .action(async (options: { email: string }) => {
      const tokens = await withDatabase(async (database) => listAdvisorTokens({ prisma: database.prisma, advisorId: (await advisorByEmail(database.prisma, options.email)).id }));
      if (tokens.length === 0) io.out('Keine Zugangstoken.');
      for (const token of tokens) {
        const state = token.revokedAt ? `widerrufen ${day(token.revokedAt)}` : token.isValid ? `gültig bis ${day(token.expiresAt)}` : `abgelaufen ${day(token.expiresAt)}`;
        io.out(`${token.id}  ${token.prefix ? `${token.prefix}…` : '(älteres Token)'}  ${token.label ?? ''}  ausgestellt ${day(token.createdAt)}, zuletzt benutzt ${day(token.lastUsedAt)}, ${state}`);
      }
    });
  advisor
    .command('revoke-token')
    .description('Ein Zugangstoken widerrufen (die anderen bleiben gültig)')
    .requiredOption('--email <adresse>', 'E-Mail-Adresse des Kontos')
    .requiredOption('--id <token-id>', 'ID des Tokens (aus „advisor tokens“)')
    .action(async (options: { email: string; id: string }) => {
      await withDatabase(async (database) => revokeAdvisorToken({ prisma: database.prisma, advisorId: (await advisorByEmail(database.prisma, options.email)).id, tokenId: options.id }));
      io.out(`Zugangstoken ${options.id} widerrufen.`);
    });
}
