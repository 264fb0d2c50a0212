import type { EngineDeps } from './engine-deps.ts';
import type { SenderIdentity } from './types.ts';

/** "@Bot Beraterkanal registrieren" in a Teams channel. */
export function isAdvisorChannelCommand(text: string): boolean {
  return /^\s*berater-?kanal\s+registrieren\s*$/i.test(text);
}

/**
 * Makes a Teams channel the advisors' channel, where case cards with requesters' details appear.
 * Only an active advisor whose Teams account is on file may do so; anyone else who can mention
 * the bot in some team could otherwise redirect the cases to their own channel.
 */
export async function registerAdvisorChannel({ sender, reference }: { sender: SenderIdentity; reference: Record<string, unknown> }, deps: Pick<EngineDeps, 'tickets'>): Promise<string> {
  // Only an authenticated Teams identity counts: a forged activity may carry any object id.
  const advisor = sender.isProven === true && sender.aadObjectId ? await deps.tickets.findAdvisorByTeamsUser({ aadObjectId: sender.aadObjectId }) : null;
  if (!advisor) {
    return 'Den Beraterkanal können nur Beraterinnen und Berater festlegen, deren Teams-Konto im Assistenten hinterlegt ist. Bitten Sie die Administration des Arbeitsbereichs, Ihr Konto einzutragen; bis dahin bleibt der bisherige Beraterkanal bestehen.';
  }
  await deps.tickets.registerAdvisorChannel({ reference });
  return 'Dieser Kanal ist jetzt der Beraterkanal: neue Vorgänge und Beratungsanfragen erscheinen hier.';
}
