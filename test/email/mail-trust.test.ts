import { describe, expect, it } from 'vitest';
import { createAdvisor } from '../helpers/factories.ts';
import { useMailService, testInbox, type MailService } from '../helpers/mail-service.ts';

const relay = 'mx.ego-mv.example';

function inquiry({ id, from, subject, text, headers = [] }: { id: string; from: string; subject: string; text: string; headers?: string[] }): Buffer {
  return Buffer.from(
    [...headers, `From: ${from}`, `To: ${testInbox}`, `Subject: ${subject}`, `Message-ID: <${id}>`, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n'),
  );
}

const mailsTo = (running: MailService, address: string) => running.sink.received.filter((entry) => entry.to.includes(address));
const headerOf = (entry: MailService['sink']['received'][number], name: string) => entry.mail.headers.get(name) as string | undefined;

describe('mail we send, and mail we must not trust', () => {
  const running = useMailService({ MAIL_TRUSTED_AUTHSERV_ID: relay });
  const deliver = (raw: Buffer, envelopeFrom = 'relay-test@gemeinde-beispiel.de') => running().sender.sendMail({ envelope: { from: envelopeFrom, to: [testInbox] }, raw });

  it('acknowledges without the sender’s display name, links or markup, with RFC 3834 headers and our Message-ID', async () => {
    const address = `phish-${Date.now()}@gemeinde-beispiel.de`;
    await deliver(
      inquiry({
        id: `phish-${Date.now()}@gemeinde-beispiel.de`,
        from: `"x\\" onmouseover=\\"alert(1)\\" https://evil.example/login" <${address}>`,
        subject: 'Ihr Konto bitte unter https://evil.example/login bestätigen',
        text: 'Guten Tag, wir haben eine Frage zum Medienentwicklungsplan.',
      }),
    );
    await running().service.deliverOutboxNow();
    const [ack] = mailsTo(running(), address);
    expect(ack).toBeDefined();
    expect(ack!.mail.text).toMatch(/^Guten Tag,\n/);
    for (const forbidden of ['evil.example', 'onmouseover', 'alert(1)']) {
      expect(ack!.mail.subject).not.toContain(forbidden);
      expect(ack!.mail.text).not.toContain(forbidden);
      expect(String(ack!.mail.html)).not.toContain(forbidden);
    }
    expect(ack!.mail.subject).toMatch(/^\[SIT-\d{4}-\d{5}\] Ihr Konto bitte unter … bestätigen$/);
    expect(headerOf(ack!, 'auto-submitted')).toBe('auto-replied');
    expect(headerOf(ack!, 'precedence')).toBeUndefined();
    expect(ack!.mail.messageId).toMatch(/@ego-mv\.example>$/);
    expect(ack!.raw).not.toMatch(/^Message-ID: {2}/im);
  });

  it('threads an advisor’s reply under the requester’s mail as personal mail, and notices as auto-generated on our domain', async () => {
    const address = `faden-${Date.now()}@gemeinde-beispiel.de`;
    const firstId = `faden-${Date.now()}@gemeinde-beispiel.de`;
    await deliver(inquiry({ id: firstId, from: `Amt <${address}>`, subject: 'Frage zum Mittelabruf', text: 'Bitte prüfen Sie unseren Mittelabruf.' }));
    const ticket = await running().service.database.prisma.ticket.findFirstOrThrow({ where: { requesterEmail: address } });
    const { token } = await createAdvisor(running().service.database.prisma);
    const api = (path: string, body: unknown, method = 'POST') =>
      fetch(`http://127.0.0.1:${running().service.port}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await api(`/api/advisor/tickets/${ticket.number}/reply`, { text: 'Wir haben den Mittelabruf geprüft.' })).status).toBe(201);
    expect((await api(`/api/advisor/tickets/${ticket.number}`, { status: 'geloest' }, 'PATCH')).status).toBe(200);
    await running().service.deliverOutboxNow();
    const mails = mailsTo(running(), address);
    const reply = mails.find((entry) => entry.mail.text?.includes('Mittelabruf geprüft'));
    expect(reply?.mail.inReplyTo).toBe(`<${firstId}>`);
    expect(reply?.mail.references).toContain(`<${firstId}>`);
    expect(headerOf(reply!, 'auto-submitted')).toBeUndefined();
    // The acknowledgement is stored as the ticket's outbound message; the status notice is not.
    const stored = (await running().service.database.prisma.message.findMany({ where: { ticketId: ticket.id, direction: 'out' } })).map((message) => message.externalId);
    const notice = mails.find((entry) => entry !== reply && !stored.includes(entry.mail.messageId ?? ''));
    expect(notice).toBeDefined();
    expect(headerOf(notice!, 'auto-submitted')).toBe('auto-generated');
    expect(headerOf(notice!, 'precedence')).toBeUndefined();
    expect(notice!.mail.messageId).toMatch(/@ego-mv\.example>$/);

    // An answer to the notice whose subject lost the number still finds its case through our Message-ID.
    await deliver(inquiry({ id: `faden-antwort-${Date.now()}@gemeinde-beispiel.de`, from: `Amt <${address}>`, subject: 'Danke', text: 'Danke, das hat geklappt.', headers: [`In-Reply-To: ${notice!.mail.messageId}`] }));
    expect(await running().service.database.prisma.ticket.count({ where: { requesterEmail: address } })).toBe(1);
    expect(await running().service.database.prisma.message.count({ where: { ticketId: ticket.id, direction: 'in' } })).toBe(2);
  });

  it('does not let a mail that failed DMARC continue a case by its number, nor answer it; a reply to our Message-ID still counts', async () => {
    const address = `echt-${Date.now()}@gemeinde-beispiel.de`;
    await deliver(inquiry({ id: `echt-${Date.now()}@gemeinde-beispiel.de`, from: `Amt <${address}>`, subject: 'Bitte Zugang prüfen', text: 'Unser SDM-Zugang ist gesperrt, bitte prüfen.' }));
    await running().service.deliverOutboxNow();
    const ticket = await running().service.database.prisma.ticket.findFirstOrThrow({ where: { requesterEmail: address } });
    const ack = mailsTo(running(), address)[0]!;
    const mailsBefore = running().sink.received.length;

    const failed = `Authentication-Results: ${relay}; dkim=none; spf=softfail smtp.mailfrom=evil.example; dmarc=fail (p=reject) header.from=gemeinde-beispiel.de`;
    // A forger's own Authentication-Results under another authserv-id count for nothing.
    const fake = 'Authentication-Results: mx.evil.example; dmarc=pass header.from=gemeinde-beispiel.de';
    await deliver(inquiry({ id: `falsch-${Date.now()}@evil.example`, from: `Amt <${address}>`, subject: `AW: [${ticket.number}] Bitte Zugang prüfen`, text: 'Bitte überweisen Sie die Fördermittel auf das Konto DE00 1234.', headers: [failed, fake] }));
    await running().service.deliverOutboxNow();
    expect(await running().service.database.prisma.message.count({ where: { ticketId: ticket.id, direction: 'in' } })).toBe(1);
    const forged = await running().service.database.prisma.ticket.findFirstOrThrow({ where: { requesterEmail: address, id: { not: ticket.id } }, include: { messages: true } });
    expect(forged.messages[0]?.text).toContain('Absender nicht bestätigt');
    expect(running().sink.received.slice(mailsBefore).filter((entry) => entry.to.includes(address))).toHaveLength(0);

    await deliver(inquiry({ id: `echt-2-${Date.now()}@gemeinde-beispiel.de`, from: `Amt <${address}>`, subject: 'AW: Zugang', text: 'Danke für die schnelle Antwort.', headers: [failed, `In-Reply-To: ${ack.mail.messageId}`] }));
    expect(await running().service.database.prisma.message.count({ where: { ticketId: ticket.id, direction: 'in' } })).toBe(2);
  });
});
