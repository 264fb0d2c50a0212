import { describe, expect, it } from 'vitest';
import { useMailService, testInbox } from '../helpers/mail-service.ts';
import { slowestHealthz } from '../helpers/slowest-healthz.ts';

const mail = (id: string, body: string) =>
  Buffer.from(`From: Amt Beispiel <amt-${id}@gemeinde-beispiel.de>\r\nTo: ${testInbox}\r\nSubject: Frage ${id}\r\nMessage-ID: <${id}@gemeinde-beispiel.de>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nGuten Tag, ist WLAN förderfähig?\r\n${body}`);

describe('hostile mail at the SMTP intake', () => {
  const running = useMailService({ MAIL_MAX_BYTES: String(8 * 1024 * 1024), MAIL_PARSE_TIMEOUT_MS: '1500' });

  it('turns pathological bodies into one ticket each while the service keeps answering', { timeout: 120_000 }, async () => {
    const { service, sender } = running();
    const baseUrl = `http://127.0.0.1:${service.port}`;
    const cases = {
      'blank-lines': '\r\n'.repeat(512 * 1024),
      'quote-lines': '> zitiert\r\n'.repeat(50_000),
      'one-line': 'a'.repeat(1024 * 1024),
    };
    for (const [name, body] of Object.entries(cases)) {
      const id = `${name}-${Date.now()}`;
      const started = performance.now();
      const slowest = await slowestHealthz(baseUrl, sender.sendMail({ envelope: { from: `amt-${id}@gemeinde-beispiel.de`, to: [testInbox] }, raw: mail(id, body) }));
      process.stdout.write(`Mail „${name}“ (${Math.round(Buffer.byteLength(body) / 1024)} KB): ${Math.round(performance.now() - started)} ms, /healthz höchstens ${Math.round(slowest)} ms\n`);
      const ticket = await service.database.prisma.ticket.findFirstOrThrow({ where: { requesterEmail: `amt-${id}@gemeinde-beispiel.de` }, include: { messages: true } });
      expect(ticket.messages.find((message) => message.direction === 'in')?.text).toContain('WLAN');
    }
  });

  it('refuses a DATA stream over MAIL_MAX_BYTES sent without SIZE= with 552, and keeps serving', { timeout: 120_000 }, async () => {
    const { service, sender } = running();
    const id = `huge-${Date.now()}`;
    const error = await sender.sendMail({ envelope: { from: `amt-${id}@gemeinde-beispiel.de`, to: [testInbox], size: undefined }, raw: mail(id, 'x'.repeat(76) + '\r\n'.repeat(1)).toString() + `${'y'.repeat(998)}\r\n`.repeat(10_000) }).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ responseCode: 552 });
    expect(await service.database.prisma.ticket.count({ where: { requesterEmail: `amt-${id}@gemeinde-beispiel.de` } })).toBe(0);
    expect((await fetch(`http://127.0.0.1:${service.port}/healthz`)).status).toBe(200);
  });
});

describe('a mail over the parse time limit', () => {
  const running = useMailService({ MAIL_MAX_BYTES: String(8 * 1024 * 1024), MAIL_PARSE_TIMEOUT_MS: '250' });

  it('reads a mail that exceeds the parse time limit as raw text: still a ticket, with a note why', { timeout: 120_000 }, async () => {
    const { service, sender } = running();
    // The first mail starts the parser thread; the limit applies to reading, measured after that.
    await sender.sendMail({ envelope: { from: 'warm@gemeinde-beispiel.de', to: [testInbox] }, raw: mail(`warm-${Date.now()}`, 'Hallo') });
    const id = `slow-${Date.now()}`;
    // About 6 MB of blank lines (CRLF on the wire) take the MIME parser far longer than the 250 ms set above.
    await sender.sendMail({ envelope: { from: `amt-${id}@gemeinde-beispiel.de`, to: [testInbox] }, raw: mail(id, '\n'.repeat(3_000_000)) });
    const ticket = await service.database.prisma.ticket.findFirstOrThrow({ where: { requesterEmail: `amt-${id}@gemeinde-beispiel.de` }, include: { messages: true } });
    const inbound = ticket.messages.find((message) => message.direction === 'in');
    expect(inbound?.text).toContain('WLAN');
    expect(inbound?.text).toContain('Zeitlimit');
    expect(ticket.subject).toBe(`Frage ${id}`);
  });
});

describe('a relay allow-list', () => {
  const running = useMailService({ MAIL_INBOUND_ALLOWED_IPS: '192.0.2.25' });

  it('refuses connections from any other address before a mail is taken', { timeout: 60_000 }, async () => {
    const { service, sender } = running();
    const error = await sender.sendMail({ envelope: { from: 'amt@gemeinde-beispiel.de', to: [testInbox] }, raw: mail(`relay-${Date.now()}`, 'Hallo') }).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ responseCode: 554 });
    expect(await service.database.prisma.ticket.count()).toBe(0);
  });
});
