import type { Command } from 'commander';
import { AppError } from '../errors.ts';
import { addAdvisor } from '../tickets/index.ts';
import { withDatabase, type CommandContext } from './cli-io.ts';

interface AddAdvisorArguments {
  name: string;
  email: string;
  role: string;
  topics: string;
  regions: string;
  teamsId?: string;
}

const split = (text: string) => text.split(',').map((part) => part.trim()).filter(Boolean);

/** `schulit advisor add`: the first (or a further) advisor, with a token shown once. */
export function addAdvisorCommands(program: Command, { config, io }: CommandContext): void {
  const advisor = program.command('advisor').description('Beraterinnen und Berater');
  advisor
    .command('add')
    .description('Berater anlegen (oder neuen Zugang ausstellen); gibt das Zugangstoken einmalig aus')
    .requiredOption('--name <name>', 'Name')
    .requiredOption('--email <email>', 'E-Mail-Adresse')
    .option('--role <role>', 'advisor oder admin', 'advisor')
    .option('--topics <codes>', 'Kategorien, kommagetrennt (z. B. foerderantrag,rop_aenderung)', '')
    .option('--regions <names>', 'Regionen, kommagetrennt', '')
    .option('--teams-id <aadObjectId>', 'Entra-Objekt-ID des Teams-Kontos (zum Übernehmen aus Teams-Karten)')
    .action(async (options: AddAdvisorArguments) => {
      const role = options.role;
      if (role !== 'advisor' && role !== 'admin') {
        throw new AppError('invalid_input', `Unknown role ${role}`, { german: `Unbekannte Rolle „${role}“ (erlaubt: advisor, admin).` });
      }
      const { advisor: created, token } = await withDatabase(config, (database) =>
        addAdvisor({ prisma: database.prisma, name: options.name, email: options.email, role, topics: split(options.topics), regions: split(options.regions), teamsAadObjectId: options.teamsId }),
      );
      io.out(`Berater ${created.name} <${created.email}> (${created.role}) angelegt.`);
      io.out(`Zugangstoken (wird nur jetzt angezeigt): ${token}`);
    });
}
