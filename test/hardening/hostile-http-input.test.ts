import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { startService, type RunningService } from '../../service/start-service.ts';
import { addAdvisor } from '../../tickets/add-advisor.ts';
import { temporaryDirectory } from '../helpers/processes.ts';

const inbox = 'schul-it@ego-mv.example';
let service: RunningService;
let baseUrl: string;

beforeAll(async () => {
  service = await startService({
    config: loadConfig({ DATA_DIR: await temporaryDirectory(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_SAMPLE_DATA: 'false', MAIL_INBOUND_SMTP_PORT: '0', MAIL_INBOUND_HOST: '127.0.0.1', MAIL_FROM: `Schul-IT Assistent <${inbox}>`, MAIL_MAX_BYTES: '20000', MAIL_MAX_ATTACHMENT_BYTES: '1000', MAIL_MAX_ATTACHMENTS: '2' }),
    logger: createLogger({ level: 'silent' }),
  });
  baseUrl = `http://127.0.0.1:${service.port}`;
}, 90_000);
afterAll(async () => {
  await service?.close();
});

const stored = async () => ({ messages: await service.database.prisma.message.count(), tickets: await service.database.prisma.ticket.count(), conversations: await service.database.prisma.conversation.count() });

async function post(path: string, body: string, contentType = 'application/json') {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await response.text();
  let json: { error?: { code?: string; message?: string } } | undefined;
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

describe('oversized and malformed input over HTTP', () => {
  it('refuses oversized chat texts and JSON bodies with structured errors and stores nothing', async () => {
    const before = await stored();
    const longText = await post('/api/chat', JSON.stringify({ user: { email: 'amt@example.org' }, text: 'Förderung '.repeat(1200) }));
    expect(longText.status).toBe(400);
    expect(longText.json?.error?.code).toBe('invalid_input');
    expect(longText.json?.error?.message).toContain('zu lang');
    const hugeBody = await post('/api/chat', JSON.stringify({ user: { email: 'amt@example.org' }, text: 'x'.repeat(1_100_000) }));
    expect(hugeBody.status).toBe(413);
    expect(hugeBody.json?.error).toEqual({ code: 'payload_too_large', message: 'Die Nachricht ist zu groß.' });
    const wrongTypes = await post('/api/chat', JSON.stringify({ user: 'amt', text: ['a'], conversationId: 7 }));
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.json?.error?.code).toBe('invalid_input');
    expect(await stored()).toEqual(before);
  });

  it('answers and files a chat message carrying NUL characters, which PostgreSQL text cannot hold, without them', async () => {
    const question = await post('/api/chat', JSON.stringify({ user: { id: 'nul\u0000user' }, text: 'Ist WLAN förderfähig?\u0000' }));
    expect(question.status).toBe(200);
    expect(question.text).toContain('WLAN');
    const request = await post('/api/chat', JSON.stringify({ user: { id: 'nul-user', name: 'Ina\u0000 Kurz' }, text: 'Unser Zugang zum SchulDiensteManagementsystem\u0000 funktioniert seit gestern nicht mehr, bitte um Hilfe.' }));
    expect(request.status).toBe(200);
    const number = (request.json as { ticket?: { number?: string } }).ticket?.number;
    expect(number).toMatch(/^SIT-/);
    const ticket = await service.database.prisma.ticket.findUniqueOrThrow({ where: { number: number! }, include: { messages: true } });
    expect(ticket.requesterName).toBe('Ina Kurz');
    expect(ticket.messages[0]?.text).toContain('SchulDiensteManagementsystem funktioniert');
  });

  const malformedActivities: [string, string, string?][] = [
    ['not JSON', '{"type": "message", "text": '],
    ['JSON null', 'null'],
    ['a string', '"message"'],
    ['an array', '[{"type":"message"}]'],
    ['no type', JSON.stringify({ text: 'Hallo', conversation: { id: 'a:1' }, from: { id: 'u' }, serviceUrl: 'http://127.0.0.1:9/' })],
    ['type as number', JSON.stringify({ type: 5, text: 'Hallo', conversation: { id: 'a:1' }, from: { id: 'u' }, serviceUrl: 'http://127.0.0.1:9/' })],
    ['conversation id as object', JSON.stringify({ type: 'message', text: 'Hallo', conversation: { id: { $ne: null } }, from: { id: 'u' }, serviceUrl: 'http://127.0.0.1:9/' })],
    ['from missing', JSON.stringify({ type: 'message', text: 'Hallo', conversation: { id: 'a:1' }, serviceUrl: 'http://127.0.0.1:9/' })],
    ['serviceUrl not a URL', JSON.stringify({ type: 'message', text: 'Hallo', conversation: { id: 'a:1' }, from: { id: 'u' }, serviceUrl: 'kein Link' })],
    ['serviceUrl not a web address', JSON.stringify({ type: 'message', text: 'Hallo', conversation: { id: 'a:1' }, from: { id: 'u' }, serviceUrl: 'file:///etc/passwd' })],
    ['form-encoded', 'type=message&text=Hallo', 'application/x-www-form-urlencoded'],
    ['plain text', 'Hallo Bot', 'text/plain'],
  ];

  it.each(malformedActivities)('answers a malformed Bot Framework activity (%s) with 400 and a structured error, never 500', async (_name, body, contentType) => {
    const before = await stored();
    const response = await post('/api/messages', body, contentType);
    expect(response.status).toBe(400);
    expect(response.json?.error?.code).toBe('invalid_input');
    expect(response.json?.error?.message).toMatch(/[a-zäöü]/);
    expect(await stored()).toEqual(before);
  });

  it('answers a Bot Framework activity over the body limit with 413', async () => {
    const response = await post('/api/messages', JSON.stringify({ type: 'message', text: 'x'.repeat(1_200_000), conversation: { id: 'a:1' }, from: { id: 'u' }, serviceUrl: 'http://127.0.0.1:9/' }));
    expect(response.status).toBe(413);
    expect(response.json?.error?.code).toBe('payload_too_large');
  });

  it('refuses an oversized mail at the SMTP level with 552 and lists attachments over the limits as not stored', async () => {
    const sender = nodemailer.createTransport({ host: '127.0.0.1', port: service.mailPort, secure: false, ignoreTLS: true });
    try {
      const before = await stored();
      const tooLarge = sender.sendMail({ envelope: { from: 'gross@example.org', to: [inbox] }, raw: `From: gross@example.org\r\nTo: ${inbox}\r\nSubject: gross\r\nMessage-ID: <gross@example.org>\r\n\r\n${'Zeile mit Text\r\n'.repeat(3000)}` });
      await expect(tooLarge).rejects.toMatchObject({ responseCode: 552 });
      expect(await stored()).toEqual(before);

      const attachment = (name: string, size: number) => [`--b`, `Content-Type: application/octet-stream; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, 'Content-Transfer-Encoding: base64', '', Buffer.alloc(size, 7).toString('base64')].join('\r\n');
      await sender.sendMail({
        envelope: { from: 'anhang@example.org', to: [inbox] },
        raw: [`From: anhang@example.org`, `To: ${inbox}`, 'Subject: Anhänge zum Antrag', 'Message-ID: <anhang@example.org>', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain; charset=utf-8', '', 'Anbei die Unterlagen zum Förderantrag.', attachment('klein.bin', 500), attachment('gross.bin', 5000), attachment('dritter.bin', 100), '--b--', ''].join('\r\n'),
      });
      const ticket = await service.database.prisma.ticket.findFirstOrThrow({ where: { requesterEmail: 'anhang@example.org' }, include: { messages: true } });
      const attachments = ticket.messages.find((message) => message.direction === 'in')?.attachments as { name: string; storedAt?: string; note?: string }[];
      expect(attachments.map((entry) => [entry.name, Boolean(entry.storedAt)])).toEqual([['klein.bin', true], ['gross.bin', false], ['dritter.bin', false]]);
      expect(attachments[1]?.note).toContain('nicht gespeichert: größer als');
      expect(attachments[2]?.note).toContain('nicht gespeichert: mehr als 2 Anhänge');
    } finally {
      sender.close();
    }
  });
});

describe('script payloads in mail', () => {
  it('returns them from the advisor API as plain JSON text data, unchanged and not interpreted', async () => {
    const subject = '<script>alert("subject")</script> Antrag';
    const body = '<img src=x onerror="alert(1)"> Bitte prüfen Sie unseren Antrag. <svg onload=alert(2)> javascript:alert(3)';
    await service.ingestMail(Buffer.from(`From: Skript <skript@example.org>\r\nTo: ${inbox}\r\nSubject: ${subject}\r\nMessage-ID: <skript@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`));
    const ticket = await service.database.prisma.ticket.findFirstOrThrow({ where: { requesterEmail: 'skript@example.org' } });
    const { token } = await addAdvisor({ prisma: service.database.prisma, name: 'Erika Beispiel', email: 'erika-skript@ego-mv.example' });
    const response = await fetch(`${baseUrl}/api/advisor/tickets/${ticket.number}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const detail = (await response.json()) as { ticket: { subject: string; messages: { direction: string; text: string }[] } };
    // The exact strings come back as JSON string values: neither HTML-escaped nor stripped, never markup.
    expect(detail.ticket.subject).toBe(subject);
    expect(detail.ticket.messages.find((message) => message.direction === 'in')?.text).toBe(body);
  });
});
