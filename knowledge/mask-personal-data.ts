import { findPhoneNumbersInText } from 'libphonenumber-js/max';

const emailPattern = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// IBANs as people write them: country, check digits, then groups of four, with or without spaces.
const ibanPattern = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g;

/**
 * Replaces e-mail addresses, phone numbers and IBANs in text that is about to leave the installation
 * (a configured LLM endpoint). Phone numbers are found by libphonenumber with German defaults; only
 * matches that start as dialled numbers do (0… or +…), so ticket numbers, years and Dienststellennummern
 * stay readable. Names are not recognised (see AI_SEND_CONTEXT in docs/datenschutz.md).
 */
export function maskPersonalData(text: string): string {
  let masked = text.replace(emailPattern, '[E-Mail]').replace(ibanPattern, '[IBAN]');
  const phones = findPhoneNumbersInText(masked, 'DE')
    .filter((found) => /^[+0(]/.test(masked.slice(found.startsAt, found.endsAt)))
    .sort((left, right) => right.startsAt - left.startsAt);
  for (const found of phones) masked = `${masked.slice(0, found.startsAt)}[Telefon]${masked.slice(found.endsAt)}`;
  return masked;
}
