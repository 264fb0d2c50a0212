import { cannotSupply, germanList } from '../turn-context.ts';
import type { Reply } from '../types.ts';

/** After this many follow-up questions a dialogue goes on with what it knows and records the gaps. */
export const maxFollowUps = 2;

/**
 * Whether a dialogue asks once more: something required is still missing, it has asked fewer than
 * `maxFollowUps` times, and the requester has not just said they cannot supply it.
 */
export function shouldAskAgain({ missing, asked, text }: { missing: string[]; asked: number; text: string }): boolean {
  return missing.length > 0 && asked < maxFollowUps && !(asked > 0 && cannotSupply.test(text));
}

/** The follow-up question: what is missing, in the requester's terms, and how to go on without it. */
export function askForMissing({ intro, missingLabels, isMail = false }: { intro: string; missingLabels: string[]; isMail?: boolean }): Reply {
  const howToAnswer = isMail
    ? 'Bitte antworten Sie einfach auf diese Mail und ergänzen Sie diese Angaben. Wenn Sie etwas nicht wissen, schreiben Sie „weiß ich nicht“.'
    : 'Bitte ergänzen Sie diese Angaben in Ihrer nächsten Nachricht. Wenn Sie etwas nicht wissen, schreiben Sie einfach „weiß ich nicht“; mit „abbrechen“ beenden Sie den Vorgang, ohne dass etwas angelegt wird.';
  return { text: `${intro}, brauche ich noch ${germanList(missingLabels)}. ${howToAnswer}`, citations: [], suggestedActions: [] };
}

/** Later messages add facts; what was known stays unless the new message names something else. */
export function mergeFacts<Facts extends object>(known: Facts, found: Facts): Facts {
  const before = new Map<string, unknown>(Object.entries(known));
  const changes = Object.entries(found).flatMap(([key, value]): [string, unknown][] => {
    if (Array.isArray(value)) {
      const earlier = before.get(key);
      return [[key, [...new Set([...(Array.isArray(earlier) ? earlier : []), ...value])]]];
    }
    return value !== undefined && value !== null && value !== '' ? [[key, value]] : [];
  });
  return { ...known, ...Object.fromEntries(changes) };
}
