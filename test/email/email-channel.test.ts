import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useMailService, testInbox, type MailService } from '../helpers/mail-service.ts';
import { projectRoot } from '../helpers/processes.ts';
import { createAdvisor, createConsultation } from '../helpers/factories.ts';
import { changeBooking } from '../../tickets/change-booking.ts';

const running = useMailService();
const inbox = testInbox;

/** Delivers a raw message to the inbound SMTP port, as the relaying MTA does. */
async function deliver(raw: string | Buffer, from = 'amt@gemeinde-beispiel.de') {
  await running().sender.sendMail({ envelope: { from, to: [inbox] }, raw });
}

async function settle() {
  await running().service.deliverOutboxNow();
}

const prisma = () => running().service.database.prisma;

const outlookInquiry = (messageId: string) =>
  Buffer.concat([
    Buffer.from(
      [
        'From: =?iso-8859-1?Q?J=FCrgen_M=FCller?= <juergen.mueller@amt-beispiel.de>',
        `To: ${inbox}`,
        'Subject: =?iso-8859-1?Q?=C4nderung_F=F6rderjahr_im_Roll-Out-Plan?=',
        `Message-ID: ${messageId}`,
        'Date: Tue, 01 Dec 2026 09:00:00 +0100',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset="iso-8859-1"',
        'Content-Transfer-Encoding: 8bit',
        'X-Mailer: Microsoft Outlook 16.0',
        '',
        '',
      ].join('\r\n'),
    ),
    Buffer.from('Sehr geehrte Damen und Herren,\r\n\r\nbitte verschieben Sie die Grundschule Am See (90000101) im ROP von 2020 auf 2025, weil sich der Umbau verzögert.\r\n\r\nMit freundlichen Grüßen\r\nJürgen Müller\r\nGemeinde Kalkhorst\r\n', 'latin1'),
  ]);

describe('email channel over SMTP', () => {
  it('turns an ISO-8859-1 Outlook inquiry into one rop_aenderung ticket with an automatic acknowledgement', async () => {
    await deliver(outlookInquiry('<outlook-1@amt-beispiel.de>'));
    const ticket = await prisma().ticket.findFirstOrThrow({ where: { requesterEmail: 'juergen.mueller@amt-beispiel.de' }, include: { messages: true } });
    expect(ticket).toMatchObject({ category: 'rop_aenderung', channel: 'email', subject: 'Änderung Förderjahr im Roll-Out-Plan', requesterName: 'Jürgen Müller' });
    expect(ticket.messages.find((message) => message.direction === 'in')?.text).toContain('Umbau verzögert');
    await settle();
    const ack = running().sink.received.find((entry) => entry.to.includes('juergen.mueller@amt-beispiel.de'));
    expect(ack?.mail.subject).toBe(`[${ticket.number}] Änderung Förderjahr im Roll-Out-Plan`);
    expect(ack?.mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ack?.mail.inReplyTo).toBe('<outlook-1@amt-beispiel.de>');
    expect(ack?.mail.text).toContain(ticket.number);
    const advisors = running().sink.received.find((entry) => entry.to.includes('team@ego-mv.example') && entry.mail.subject?.includes(ticket.number));
    expect(advisors?.mail.subject).toContain('Neuer Vorgang');

    const before = { tickets: await prisma().ticket.count(), sent: running().sink.received.length };
    await deliver(outlookInquiry('<outlook-1@amt-beispiel.de>'));
    await settle();
    expect({ tickets: await prisma().ticket.count(), sent: running().sink.received.length }).toEqual(before);
  });

  it('creates nothing and sends nothing for an out-of-office reply or a bounce', async () => {
    const before = { tickets: await prisma().ticket.count(), sent: running().sink.received.length };
    const outOfOffice = (await readFile(path.join(projectRoot, 'test/fixtures/mail/rfc3834-01.eml'), 'utf8')).replace('To: neko@libsisimai.org', `To: ${inbox}`);
    await deliver(outOfOffice, 'kijitora@example.net');
    const bounce = await readFile(path.join(projectRoot, 'test/fixtures/mail/lhost-postfix-01.eml'));
    await deliver(bounce, '');
    await settle();
    expect({ tickets: await prisma().ticket.count(), sent: running().sink.received.length }).toEqual(before);
  });

  it('joins a reply with the number and quoted history to its ticket, quote stripped; a stranger gets a ticket of their own', async () => {
    await deliver(Buffer.from(outlookInquiry('<outlook-2@amt-beispiel.de>').toString('latin1').replace('Roll-Out-Plan?=', 'Roll-Out-Plan_2?=').replace('(90000101)', '(90000102)'), 'latin1'));
    const ticket = await prisma().ticket.findFirstOrThrow({ where: { subject: 'Änderung Förderjahr im Roll-Out-Plan 2' } });
    const quoted = (await readFile(path.join(projectRoot, 'test/fixtures/mail/email_german_outlook.txt'), 'utf8')).replace('Fusce bibendum', 'Hier noch die Begründung: Fusce bibendum');
    const reply = (from: string, id: string) =>
      [`From: ${from}`, `To: ${inbox}`, `Subject: AW: [${ticket.number}] Änderung Förderjahr im Roll-Out-Plan 2`, `Message-ID: ${id}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', quoted].join('\r\n');
    await deliver(reply('Jürgen Müller <juergen.mueller@amt-beispiel.de>', '<reply-1@amt-beispiel.de>'));
    const messages = await prisma().message.findMany({ where: { ticketId: ticket.id, direction: 'in' }, orderBy: { createdAt: 'asc' } });
    expect(messages).toHaveLength(2);
    expect(messages[1]!.text).toContain('Hier noch die Begründung');
    expect(messages[1]!.text).not.toContain('Ursprüngliche Nachricht');
    expect(messages[1]!.originalText).toContain('Ursprüngliche Nachricht');

    await deliver(reply('Fremder <fremd@example.org>', '<stranger-1@example.org>'), 'fremd@example.org');
    expect(await prisma().message.count({ where: { ticketId: ticket.id, direction: 'in' } })).toBe(2);
    const strangers = await prisma().ticket.findFirstOrThrow({ where: { requesterEmail: 'fremd@example.org' }, include: { messages: true } });
    expect(strangers.number).not.toBe(ticket.number);
    expect(strangers.messages[0]!.text).toContain(`nennt Vorgang ${ticket.number}`);
  });

  it('answers an HTML-only question with the cited answer in the acknowledgement', async () => {
    const html = [
      'From: Schulamt <schulamt@stadt-beispiel.de>',
      `To: ${inbox}`,
      'Subject: Frage zu Smartphones',
      'Message-ID: <html-1@stadt-beispiel.de>',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<html><body><p>Guten Tag,</p><p>sind <b>Smartphones</b> im DigitalPakt förderfähig?</p><script>alert(1)</script></body></html>',
    ].join('\r\n');
    await deliver(html, 'schulamt@stadt-beispiel.de');
    const ticket = await prisma().ticket.findFirstOrThrow({ where: { requesterEmail: 'schulamt@stadt-beispiel.de' } });
    await settle();
    const ack = running().sink.received.find((entry) => entry.to.includes('schulamt@stadt-beispiel.de'));
    expect(ack?.mail.subject).toContain(ticket.number);
    expect(ack?.mail.text).toContain('Smartphones');
    expect(ack?.mail.text).toContain('Quellen:');
    expect(ack?.mail.html).not.toContain('<script>');
  });

  it('sends booking confirmations as iCalendar invitations with a stable UID and rising SEQUENCE', async () => {
    const { advisor } = await createAdvisor(prisma(), { name: 'Ida Beraterin' });
    const { booking } = await createConsultation(prisma(), { channel: 'email', requester: { email: 'termin@amt-beispiel.de' }, mode: 'video' });
    await changeBooking({ prisma: prisma(), bookingId: booking.id, change: { action: 'confirm', advisorId: advisor.id, startsAt: new Date('2027-01-13T14:00:00+01:00'), endsAt: new Date('2027-01-13T15:00:00+01:00'), mode: 'video' } });
    await changeBooking({ prisma: prisma(), bookingId: booking.id, change: { action: 'cancel', actorId: advisor.id } });
    await settle();
    const calendarOf = (entry: MailService['sink']['received'][number]) => entry.mail.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'))?.content.toString() ?? '';
    const invitations = running().sink.received.filter((entry) => entry.to.includes('termin@amt-beispiel.de') && calendarOf(entry) !== '');
    expect(invitations).toHaveLength(2);
    const calendars = invitations.map(calendarOf);
    const request = calendars.find((calendar) => calendar.includes('METHOD:REQUEST')) ?? '';
    const cancel = calendars.find((calendar) => calendar.includes('METHOD:CANCEL')) ?? '';
    expect(request).toContain('METHOD:REQUEST');
    expect(request).toContain(`UID:${booking.calendarUid}`);
    expect(request).toContain('SEQUENCE:1');
    expect(request).toContain('BEGIN:VTIMEZONE');
    expect(request).toContain('DTSTART;TZID=Europe/Berlin:20270113T140000');
    expect(cancel).toContain('METHOD:CANCEL');
    expect(cancel).toContain(`UID:${booking.calendarUid}`);
    expect(cancel).toContain('SEQUENCE:2');
  });

  it('threads by In-Reply-To on our acknowledgement and records an out-of-office reply without changing the status', async () => {
    await deliver(Buffer.from(outlookInquiry('<outlook-thread@amt-beispiel.de>').toString('latin1').replace('Roll-Out-Plan?=', 'Roll-Out-Plan_4?=').replace(/juergen\.mueller@/g, 'faden@'), 'latin1'), 'faden@amt-beispiel.de');
    await settle();
    const ack = running().sink.received.find((entry) => entry.to.includes('faden@amt-beispiel.de'))!;
    const ticket = await prisma().ticket.findFirstOrThrow({ where: { requesterEmail: 'faden@amt-beispiel.de' } });
    const follow = ['From: faden@amt-beispiel.de', `To: ${inbox}`, 'Subject: Re: Ihre Nachricht', 'Message-ID: <faden-2@amt-beispiel.de>', `In-Reply-To: ${ack.mail.messageId}`, '', 'Die Dienststellennummer reiche ich nach.'].join('\r\n');
    await deliver(follow, 'faden@amt-beispiel.de');
    const away = ['From: faden@amt-beispiel.de', `To: ${inbox}`, 'Subject: Abwesenheitsnotiz', 'Auto-Submitted: auto-replied', 'Message-ID: <faden-3@amt-beispiel.de>', `In-Reply-To: ${ack.mail.messageId}`, '', 'Ich bin bis zum 5. Januar nicht im Haus.'].join('\r\n');
    await deliver(away, 'faden@amt-beispiel.de');
    const messages = await prisma().message.findMany({ where: { ticketId: ticket.id, direction: 'in' }, orderBy: { createdAt: 'asc' } });
    expect(messages.map((message) => message.text)).toEqual([expect.stringContaining('Umbau verzögert'), 'Die Dienststellennummer reiche ich nach.', 'Ich bin bis zum 5. Januar nicht im Haus.']);
    expect((await prisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('neu');
  });

  it('stores attachments under DATA_DIR, lists them on the ticket and recognises winmail.dat', async () => {
    const tnef = await readFile(path.join(projectRoot, 'test/fixtures/mail/one-file.tnef'));
    await running().sender.sendMail({
      envelope: { from: 'anhang@amt-beispiel.de', to: [inbox] },
      from: 'Anhang Amt <anhang@amt-beispiel.de>',
      to: inbox,
      subject: 'Unterlagen zum Mittelabruf',
      text: 'Anbei die Rechnungen für den Mittelabruf.',
      attachments: [
        { filename: 'rechnung.pdf', content: Buffer.from('%PDF-1.4 Rechnung'), contentType: 'application/pdf' },
        { filename: 'winmail.dat', content: tnef, contentType: 'application/ms-tnef' },
      ],
    });
    const ticket = await prisma().ticket.findFirstOrThrow({ where: { requesterEmail: 'anhang@amt-beispiel.de' }, include: { messages: true } });
    const listed = ticket.messages.find((message) => message.direction === 'in')!.attachments as { name: string; storedAt?: string; isTnef?: boolean; sha256: string }[];
    expect(listed.map((attachment) => attachment.name)).toEqual(['rechnung.pdf', 'winmail.dat']);
    expect(listed[0]!.storedAt).toBe(`${listed[0]!.sha256.slice(0, 2)}/${listed[0]!.sha256}`);
    expect(listed[1]!.isTnef).toBe(true);
  });

  it('links a delivery report to our failed mail and alerts the advisors, without answering it', async () => {
    await deliver(Buffer.from(outlookInquiry('<outlook-bounce@amt-beispiel.de>').toString('latin1').replace('Roll-Out-Plan?=', 'Roll-Out-Plan_3?=').replace('juergen.mueller@amt-beispiel.de', 'nicht-da@amt-beispiel.de'), 'latin1'), 'nicht-da@amt-beispiel.de');
    await settle();
    const ack = running().sink.received.find((entry) => entry.to.includes('nicht-da@amt-beispiel.de'))!;
    const ticket = await prisma().ticket.findFirstOrThrow({ where: { requesterEmail: 'nicht-da@amt-beispiel.de' } });
    const report = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.amt-beispiel.de>',
      `To: ${inbox}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn-1@mx.amt-beispiel.de>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'The mail could not be delivered: user unknown.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Final-Recipient: rfc822; nicht-da@amt-beispiel.de',
      'Action: failed',
      'Status: 5.1.1',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${ack.mail.messageId}`,
      `Subject: ${ack.mail.subject}`,
      '--b1--',
    ].join('\r\n');
    const sentBefore = running().sink.received.filter((entry) => entry.to.includes('nicht-da@amt-beispiel.de')).length;
    await deliver(report, '');
    await settle();
    expect(await prisma().ticketEvent.count({ where: { ticketId: ticket.id, type: 'delivery_failed' } })).toBe(1);
    expect(running().sink.received.some((entry) => entry.to.includes('team@ego-mv.example') && entry.mail.subject?.includes('Zustellung fehlgeschlagen'))).toBe(true);
    expect(running().sink.received.filter((entry) => entry.to.includes('nicht-da@amt-beispiel.de'))).toHaveLength(sentBefore);
  });

  it('acknowledges at most five mails a day per address; the sixth still becomes a ticket', async () => {
    const sender = 'viel.post@amt-grenze.de';
    const mail = (ordinal: number) =>
      [`From: Viel Post <${sender}>`, `To: ${inbox}`, `Subject: Frage ${ordinal}`, `Message-ID: <cap-${ordinal}@amt-grenze.de>`, 'Date: Tue, 01 Dec 2026 09:00:00 +0100', '', `Wie hoch ist der Sockelbetrag? (${ordinal})`, ''].join('\r\n');
    for (let ordinal = 1; ordinal <= 6; ordinal += 1) await deliver(mail(ordinal), sender);
    await settle();
    expect(await prisma().ticket.count({ where: { requesterEmail: sender } })).toBe(6);
    expect(running().sink.received.filter((entry) => entry.to.includes(sender))).toHaveLength(5);
  });

  it('refuses unknown recipients at the SMTP level', async () => {
    await expect(running().sender.sendMail({ envelope: { from: 'a@example.org', to: ['jemand@anders.example'] }, raw: 'Subject: x\r\n\r\ny' })).rejects.toMatchObject({ responseCode: 550 });
  });
});
