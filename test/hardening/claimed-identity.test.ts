import { describe, expect, it } from 'vitest';
import { createAdvisor } from '../helpers/factories.ts';
import { useMailService, testInbox } from '../helpers/mail-service.ts';

describe('a chat caller who only claims an address', () => {
  const running = useMailService();
  const chat = async (body: Record<string, unknown>) => {
    const response = await fetch(`http://127.0.0.1:${running().service.port}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.23' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of many shapes
  };
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`http://127.0.0.1:${running().service.port}/api/chat${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of many shapes
  };

  it('learns nothing about another person’s ticket and causes no mail to them', async () => {
    const { service, sender, sink } = running();
    const victim = `opfer-${Date.now()}@gemeinde-beispiel.de`;
    await sender.sendMail({ envelope: { from: victim, to: [testInbox] }, raw: `From: Amt <${victim}>\r\nTo: ${testInbox}\r\nSubject: Geheimer Vorgang Schulhof\r\nMessage-ID: <${victim}>\r\n\r\nBitte prüfen Sie unseren Mittelabruf.\r\n` });
    const ticket = await service.database.prisma.ticket.findFirstOrThrow({ where: { requesterEmail: victim } });
    await service.deliverOutboxNow();
    const mailsToVictim = sink.received.filter((entry) => entry.to.includes(victim)).length;

    const asked = await chat({ user: { email: victim }, text: `Wie ist der Stand bei ${ticket.number}?` });
    expect(asked.status).toBe(200);
    const answer = asked.body.replies.map((reply: { text: string }) => reply.text).join(' ');
    expect(answer).not.toContain('Schulhof');
    expect(answer).not.toMatch(/derzeit|zugewiesen/);
    expect(answer).toContain('bestätigt');
    expect(asked.body.identity).toEqual({ email: victim, isVerified: false });

    // A ticket opened under the claimed address: an advisor's reply is not mailed to that address.
    const opened = await chat({ user: { email: victim }, text: 'Bitte prüfen Sie unseren SDM-Zugang, er ist gesperrt.' });
    expect(opened.body.ticket?.number).toBeDefined();
    expect(opened.body.replies.at(-1).text).toContain('bestätigt');
    const { token } = await createAdvisor(service.database.prisma);
    const reply = await fetch(`http://127.0.0.1:${service.port}/api/advisor/tickets/${opened.body.ticket.number}/reply`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Bitte senden Sie uns die Kontonummer.' }) });
    expect(reply.status).toBe(201);
    await service.deliverOutboxNow();
    expect(sink.received.filter((entry) => entry.to.includes(victim))).toHaveLength(mailsToVictim);
    const held = await service.database.prisma.ticketEvent.findFirst({ where: { ticket: { number: opened.body.ticket.number }, type: 'notice_held' } });
    expect(held?.data).toEqual({ reason: 'address_not_verified' });
    // The caller of that conversation reads the reply there.
    const replies = await fetch(`http://127.0.0.1:${service.port}/api/chat/${opened.body.conversationId}/replies`);
    expect(((await replies.json()) as { replies: { text: string }[] }).replies.map((entry) => entry.text)).toEqual(['Bitte senden Sie uns die Kontonummer.']);
  });

  it('cannot see or continue a dialogue by choosing a conversation id', async () => {
    const first = await chat({ conversationId: 'gemeinsam-1', user: { email: 'a@gemeinde-beispiel.de' }, text: 'Bitte verschieben Sie unsere Grundschule im Roll-Out-Plan auf 2025.' });
    expect(first.body.conversationId).not.toBe('gemeinsam-1');
    const stranger = await chat({ conversationId: 'gemeinsam-1', user: { email: 'b@evil.example' }, text: 'Ja, genau so.' });
    expect(stranger.body.conversationId).not.toBe(first.body.conversationId);
    expect(JSON.stringify(stranger.body)).not.toContain('2025');
    expect(JSON.stringify(stranger.body)).not.toContain('Notiert');
  });

  it('proves an address with a mailed single-use code, then gets the status of its own ticket', async () => {
    const { service, sink } = running();
    const address = `beweis-${Date.now()}@gemeinde-beispiel.de`;
    const opened = await chat({ user: { email: address }, text: 'Bitte prüfen Sie unseren Mittelabruf für die Grundschule.' });
    const conversationId = opened.body.conversationId as string;
    const number = opened.body.ticket.number as string;
    expect((await post('/verification', { conversationId, email: address })).status).toBe(202);
    await service.deliverOutboxNow();
    const codeMail = sink.received.find((entry) => entry.to.includes(address) && entry.mail.subject?.includes('Bestätigungscode'));
    const code = /\b(\d{6})\b/.exec(codeMail?.mail.text ?? '')?.[1];
    expect(code).toBeDefined();
    const stored = await service.database.prisma.chatVerification.findFirstOrThrow({ where: { email: address } });
    expect(stored.codeHash).not.toContain(code!);

    const wrong = code === '000000' ? '111111' : '000000';
    expect((await post('/verification/confirm', { conversationId, code: wrong })).status).toBe(400);
    // Another conversation cannot use this code.
    const other = await chat({ text: 'Hallo' });
    expect((await post('/verification/confirm', { conversationId: other.body.conversationId, code })).status).toBe(400);
    const confirmed = await post('/verification/confirm', { conversationId, code });
    expect(confirmed).toMatchObject({ status: 200, body: { verified: true, email: address } });
    expect((await post('/verification/confirm', { conversationId, code })).status).toBe(400);
    expect((await service.database.prisma.ticket.findUniqueOrThrow({ where: { number } })).requesterEmailVerified).toBe(true);

    const status = await chat({ conversationId, text: `Wie ist der Stand bei ${number}?` });
    expect(status.body.identity).toEqual({ email: address, isVerified: true });
    expect(status.body.replies[0].text).toContain('derzeit');
  });
});
