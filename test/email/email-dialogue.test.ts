import { describe, expect, it } from 'vitest';
import { uniqueSuffix } from '../helpers/factories.ts';
import { testInbox as inbox, useMailService } from '../helpers/mail-service.ts';

const mailService = useMailService();
const prisma = () => mailService().service.database.prisma;

function rawMail({ from, subject, messageId, body, headers = [] }: { from: string; subject: string; messageId: string; body: string; headers?: string[] }): string {
  return [`From: ${from}`, `To: ${inbox}`, `Subject: ${subject}`, `Message-ID: ${messageId}`, ...headers, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
}

/** Delivers over SMTP as the relaying MTA does, then lets the outbox send what it queued. */
async function deliver(raw: string, envelopeFrom: string) {
  await mailService().sender.sendMail({ envelope: { from: envelopeFrom, to: [inbox] }, raw });
  await mailService().service.deliverOutboxNow();
}

const mailsTo = (address: string) => mailService().sink.received.filter((entry) => entry.to.includes(address));

describe('a ROP change request by mail', () => {
  it('asks for exactly the missing facts, fills the reply into the same ticket, and ignores an out-of-office reply', async () => {
    const requester = `schulamt-${uniqueSuffix()}@amt-beispiel.de`;
    await deliver(rawMail({ from: `Petra Schulz <${requester}>`, subject: 'Verschiebung im Roll-Out-Plan', messageId: `<rop-${uniqueSuffix()}@amt-beispiel.de>`, body: 'Guten Tag,\r\nbitte verschieben Sie unsere Grundschule im Roll-Out-Plan auf 2027.\r\n\r\nPetra Schulz' }), requester);
    const ticket = await prisma().ticket.findFirstOrThrow({ where: { requesterEmail: requester } });
    expect(ticket).toMatchObject({ category: 'rop_aenderung', channel: 'email', subject: 'Verschiebung im Roll-Out-Plan' });
    expect(ticket.missingFacts).toEqual(expect.arrayContaining(['dienststellennummern', 'currentYear', 'reason']));
    expect(ticket.missingFacts).not.toContain('requestedYear');
    const [acknowledgement] = mailsTo(requester);
    expect(acknowledgement?.mail.subject).toBe(`[${ticket.number}] Verschiebung im Roll-Out-Plan`);
    const askedFor = acknowledgement!.mail.text ?? '';
    expect(askedFor).toContain('Dienststellennummer');
    expect(askedFor).toContain('bisherige Förderjahr');
    expect(askedFor).toContain('Begründung');
    expect(askedFor).not.toContain('gewünschte Förderjahr');
    expect(askedFor).toMatch(/^Guten Tag,/);

    // The vacation reply to our acknowledgement: noted, nothing else changes, nothing is sent.
    const sentBefore = mailService().sink.received.length;
    await deliver(
      rawMail({ from: requester, subject: `Automatische Antwort: [${ticket.number}] Verschiebung im Roll-Out-Plan`, messageId: `<oof-${uniqueSuffix()}@amt-beispiel.de>`, body: 'Ich bin bis zum 10. Januar nicht im Büro.', headers: ['Auto-Submitted: auto-replied', `In-Reply-To: ${acknowledgement!.mail.messageId}`] }),
      requester,
    );
    const afterVacation = await prisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect({ facts: afterVacation.facts, missing: afterVacation.missingFacts, status: afterVacation.status }).toEqual({ facts: ticket.facts, missing: ticket.missingFacts, status: ticket.status });
    expect(mailService().sink.received.length).toBe(sentBefore);

    // The requester's reply, number in the subject, quote below: the facts join the same ticket.
    await deliver(
      rawMail({
        from: `Petra Schulz <${requester}>`,
        subject: `AW: [${ticket.number}] Verschiebung im Roll-Out-Plan`,
        messageId: `<reply-${uniqueSuffix()}@amt-beispiel.de>`,
        headers: [`In-Reply-To: ${acknowledgement!.mail.messageId}`],
        body: `Es geht um die Grundschule Am Deich, Dienststellennummer 75123456. Laut ROP steht sie bei 2024; wir brauchen mehr Zeit, weil sich der Umbau des Gebäudes verzögert.\r\n\r\nAm 01.12.2026 schrieb Schul-IT Assistent:\r\n> ${askedFor.split('\n')[0]}`,
      }),
      requester,
    );
    expect(await prisma().ticket.count({ where: { requesterEmail: requester } })).toBe(1);
    const completed = await prisma().ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { messages: { where: { direction: 'in' } }, events: true } });
    expect(completed.facts).toMatchObject({ dienststellennummern: ['75123456'], currentYear: 2024, requestedYear: 2027 });
    expect(completed.missingFacts).toEqual([]);
    expect(completed.messages).toHaveLength(3);
    expect(completed.events.map((event) => event.type)).toContain('facts_added');
    const thanks = mailsTo(requester).at(-1)!;
    expect(thanks.mail.subject).toBe(`[${ticket.number}] Verschiebung im Roll-Out-Plan`);
    expect(thanks.mail.text).toContain('vollständig');
  });

  it('opens a ticket for a mail the engine answers, with the answer in the acknowledgement and its evidence recorded', async () => {
    const requester = `frage-${uniqueSuffix()}@stadt-beispiel.de`;
    await deliver(rawMail({ from: requester, subject: 'Smartphones', messageId: `<frage-${uniqueSuffix()}@stadt-beispiel.de>`, body: 'Sind Smartphones im DigitalPakt förderfähig?' }), requester);
    const ticket = await prisma().ticket.findFirstOrThrow({ where: { requesterEmail: requester }, include: { messages: true } });
    const acknowledgement = mailsTo(requester)[0]!;
    expect(acknowledgement.mail.text).toContain('Smartphones');
    expect(acknowledgement.mail.text).toContain('Quellen:');
    expect(acknowledgement.mail.text).toContain(ticket.number);
    const conversationId = ticket.messages[0]!.conversationId!;
    expect(await prisma().answer.count({ where: { conversationId } })).toBe(1);
  });
});
