import { Help, type Command, type Option, type Argument } from 'commander';

const titles: Record<string, string> = { 'Usage:': 'Aufruf:', 'Options:': 'Optionen:', 'Commands:': 'Befehle:', 'Arguments:': 'Angaben:', 'Global Options:': 'Allgemeine Optionen:' };

const placeholders = (text: string) => text.replace(/\[options\]/g, '[optionen]').replace(/\[command\]/g, '[befehl]');

const extras = (text: string) => text.replace(/\bdefault: /g, 'Standard: ').replace(/\bchoices: /g, 'Auswahl: ').replace(/\bpreset: /g, 'Vorgabe: ').replace(/\benv: /g, 'Umgebung: ');

/** Commander's own messages (errors of the command line itself), in German. */
const errorMessages: [RegExp, (...groups: string[]) => string][] = [
  [/^error: required option '(.+?)' not specified/, (flags) => `Fehler: Die Option ${flags} fehlt.`],
  [/^error: option '(.+?)' argument missing/, (flags) => `Fehler: Bei ${flags} fehlt der Wert.`],
  [/^error: option '(.+?)' argument '(.*?)' is invalid\.?/, (flags, value) => `Fehler: Der Wert „${value}“ passt nicht zu ${flags}.`],
  [/^error: missing required argument '(.+?)'/, (name) => `Fehler: Die Angabe <${name}> fehlt.`],
  [/^error: unknown option '(.+?)'/, (flag) => `Fehler: Unbekannte Option ${flag}.`],
  [/^error: unknown command '(.+?)'/, (name) => `Fehler: Unbekannter Befehl „${name}“.`],
  [/^error: too many arguments.*/, () => 'Fehler: Zu viele Angaben für diesen Befehl.'],
  [/^error: (.*)/, (rest) => `Fehler: ${rest}`],
];

export function germanCommanderMessage(text: string): string {
  const suggestion = /\(Did you mean (?:one of )?(.+?)\?\)/.exec(text);
  const firstLine = text.split('\n')[0] ?? text;
  for (const [pattern, render] of errorMessages) {
    const match = pattern.exec(firstLine);
    if (match) return `${render(...match.slice(1))}${suggestion ? ` Meinten Sie ${suggestion[1]}?` : ''}\n`;
  }
  return text;
}

/**
 * Help, usage and errors of the command line in German. Set on the program before its commands
 * are added: commander copies these settings to every command created from it.
 */
export function speakGerman(program: Command): Command {
  return program
    .helpOption('-h, --help', 'diese Hilfe anzeigen')
    .helpCommand('help [befehl]', 'Hilfe zu einem Befehl anzeigen')
    .configureHelp({
      styleTitle: (title: string) => titles[title] ?? title,
      styleUsage: (usage: string) => placeholders(usage),
      styleSubcommandTerm: (term: string) => placeholders(term),
      optionDescription(option: Option) {
        return extras(Help.prototype.optionDescription.call(this, option));
      },
      argumentDescription(argument: Argument) {
        return extras(Help.prototype.argumentDescription.call(this, argument));
      },
    })
    .showHelpAfterError('(Hilfe: schulit help <befehl>)');
}
