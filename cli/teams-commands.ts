import type { Command } from 'commander';
import { writeAppPackage } from '../bot/build-app-package.ts';
import { AppError } from '../errors.ts';
import type { CommandContext } from './cli-io.ts';

/** `schulit teams-package`: the Teams app ZIP with the ids from the environment. */
export function addTeamsCommands(program: Command, { config, io }: CommandContext): void {
  program
    .command('teams-package')
    .description('Teams-App-Paket (ZIP) mit den IDs aus der Umgebung bauen')
    .option('--out <datei>', 'Zieldatei', 'dist/schulit-teams-app.zip')
    .option('--app-version <x.y.z>', 'Version der App (Standard: Version in package.json); ein Update braucht eine höhere')
    .action(async (options: { out: string; appVersion?: string }) => {
      const botAppId = config.MicrosoftAppId ?? '';
      try {
        const file = await writeAppPackage(
          { teamsAppId: config.TEAMS_APP_ID ?? botAppId, botAppId, publicBaseUrl: config.PUBLIC_BASE_URL, ssoClientId: config.TEAMS_SSO_CLIENT_ID ?? botAppId, ssoApplicationIdUri: config.TEAMS_SSO_APP_ID_URI, appVersion: options.appVersion },
          options.out,
        );
        io.out(`Teams-App-Paket geschrieben: ${file}`);
      } catch (error) {
        throw new AppError('invalid_input', (error as Error).message, { german: (error as Error).message });
      }
    });

}
