import { lazily } from '../load-lazily.ts';
import { maskEmailAddresses } from '../logger.ts';

// libphonenumber's full metadata takes ~90 ms to load, and only text for an LLM endpoint is masked.
const phoneNumbers = lazily<typeof import('libphonenumber-js/max')>('libphonenumber-js/max');

// IBANs as people write them: country, check digits, then groups of four, with or without spaces.
const ibanPattern = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g;

/**
 * A number as people write a phone number: starts with 0 or + (optionally in brackets), has at
 * least 7 digits and no dotted groups. Keeps mail-server versions "(8.14.4/8.14.4)", IP addresses
 * and time zones "04 -0700" from real mail headers, which libphonenumber also accepts.
 */
function looksDialled(text: string): boolean {
  return /^\(?[+0]/.test(text) && !/\d\.\d/.test(text) && (text.match(/\d/g)?.length ?? 0) >= 7;
}

/**
 * Replaces e-mail addresses, phone numbers and IBANs in text that is about to leave the installation
 * (a configured LLM endpoint). Phone numbers are found by libphonenumber with German defaults; only
 * matches that look dialled do (see looksDialled), so ticket numbers, years and Dienststellennummern
 * stay readable. Names are not recognised (see AI_SEND_CONTEXT in docs/datenschutz.md).
 */
export function maskPersonalData(text: string): string {
  let masked = maskEmailAddresses(text).replace(ibanPattern, '[IBAN]');
  const phones = phoneNumbers()
    .findPhoneNumbersInText(masked, 'DE')
    .filter((found) => looksDialled(masked.slice(found.startsAt, found.endsAt)))
    .sort((left, right) => right.startsAt - left.startsAt);
  for (const found of phones) masked = `${masked.slice(0, found.startsAt)}[Telefon]${masked.slice(found.endsAt)}`;
  return masked;
}
