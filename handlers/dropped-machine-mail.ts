import type { MailFacts } from './types.ts';

/**
 * Machine mail the mail policy drops without a ticket or an answer: every kind but auto-replies,
 * which may continue a case (the policy notes them there). The email intake asks this too, to
 * decide such mail before MIME parsing.
 */
export function isDroppedMachineMail(automatic: MailFacts['automatic']): automatic is Exclude<MailFacts['automatic'], null | 'auto_reply'> {
  return automatic !== null && automatic !== 'auto_reply';
}
