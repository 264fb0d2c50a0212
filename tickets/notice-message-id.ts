/**
 * The Message-ID of a notice we send, built from its outbox key; stable across retries, and
 * `findTicketForMail` reads the ticket back out of it when someone answers the notice.
 */
export function noticeMessageId(idempotencyKey: string, domain: string): string {
  return `<${idempotencyKey.replace(/[^\w.-]/g, '-')}@${domain}>`;
}
