import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildCli, runCli } from '../../cli/index.ts';
import { loadConfig } from '../../config.ts';
import { temporaryDirectory } from '../helpers/processes.ts';

/** Words of commander's English that must not reach a person reading `schulit` help or errors. */
const english = /\b(Usage|Options|Commands|Arguments|default|choices|display|error|required|unknown|missing|argument|specified|Did you mean|too many)\b/i;

function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}

describe('the command line speaks German', () => {
  it('has no English word in the help of any command', () => {
    const program = buildCli(loadConfig({}), { out: () => undefined, error: () => undefined });
    const commands = everyCommand(program);
    expect(commands.length).toBeGreaterThan(20);
    const offending = commands.flatMap((command) => {
      const help = command.helpInformation().replace(/-h, --help|help \[befehl\]|schulit help/g, '');
      const match = english.exec(help);
      return match ? [`${command.name()}: ${match[0]}`] : [];
    });
    expect(offending).toEqual([]);
    // Placeholders are German too (<adresse>, not <email>); only option names stay as they are typed.
    const placeholders = commands.flatMap((command) => [...command.helpInformation().matchAll(/[<[]([a-zA-Z.-]+)[>\]]/g)].map((match) => match[1]!));
    expect(placeholders.filter((word) => /^(email|role|codes|names|address|file|directories|text|tokenId|aadObjectId|command|options)\b/i.test(word))).toEqual([]);
    expect(program.helpInformation()).toContain('Aufruf: schulit [optionen] [befehl]');
  });

  it.each([
    [['privacy', 'export', '--email', 'a@amt.example'], 'Fehler: Die Option --out <datei> fehlt.'],
    [['gibtsnicht'], 'Fehler: Unbekannter Befehl „gibtsnicht“.'],
    [['privacy', 'search', '--emial', 'x'], 'Fehler: Unbekannte Option --emial. Meinten Sie --email?'],
    [['ask'], 'Fehler: Die Angabe <frage> fehlt.'],
    [['privacy', 'export', '--out'], 'Fehler: Bei --out <datei> fehlt der Wert.'],
  ])('answers %j with a German error', async (argv, message) => {
    const errors: string[] = [];
    const code = await runCli(argv, { out: () => undefined, error: (text) => errors.push(text) }, { DATA_DIR: await temporaryDirectory(), LOG_LEVEL: 'silent' });
    expect(code).not.toBe(0);
    expect(errors.join('\n')).toContain(message);
    expect(errors.join('\n')).not.toMatch(english);
  });
});
