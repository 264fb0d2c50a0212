import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createEmailChannel } from '../../email/create-email-channel.ts';
import { parseMail } from '../../email/parse-mail.ts';
import type { WriteAttachmentFile } from '../../email/store-attachments.ts';
import { createLogger } from '../../logger.ts';
import { createTestEngine } from '../helpers/engine.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { temporaryDirectory } from '../helpers/processes.ts';

const inbox = 'schul-it@ego-mv.example';

function mailWithAttachment(messageId: string): Buffer {
  return Buffer.from(
    [
      'From: Amt Neverin <amt@neverin.example>',
      `To: ${inbox}`,
      'Subject: Unterlagen zum Medienentwicklungsplan',
      `Message-ID: ${messageId}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Anbei unser Medienentwicklungsplan, bitte prüfen Sie ihn.',
      '--b1',
      'Content-Type: application/pdf; name="mep.pdf"',
      'Content-Disposition: attachment; filename="mep.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 Medienentwicklungsplan').toString('base64'),
      '--b1--',
      '',
    ].join('\r\n'),
  );
}

const diskFull: WriteAttachmentFile = async () => {
  throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
};

describe('attachments with a full disk', () => {
  it('lists the attachment as not stored with a German reason instead of failing the mail', async () => {
    const mail = await parseMail(mailWithAttachment('<voll-1@neverin.example>'), {
      ownAddresses: [inbox],
      attachments: { directory: await temporaryDirectory(), maxAttachmentBytes: 1_000_000, maxAttachments: 5, writeFile: diskFull },
    });
    expect(mail.facts.attachments).toHaveLength(1);
    expect(mail.facts.attachments[0]).toMatchObject({ name: 'mep.pdf', contentType: 'application/pdf' });
    expect(mail.facts.attachments[0]?.storedAt).toBeUndefined();
    expect(mail.facts.attachments[0]?.note).toContain('nicht gespeichert: Speicher voll');
  });

  it('still turns the mail into a ticket whose message names the missing attachment, and warns the operators', async () => {
    const database = await createTestDatabase('pglite');
    try {
      const { engine } = await createTestEngine(database);
      const output = new PassThrough();
      const logLines: string[] = [];
      output.on('data', (chunk: Buffer) => logLines.push(chunk.toString()));
      const logger = createLogger({ level: 'warn', destination: output });
      const channel = createEmailChannel({
        settings: { from: `Schul-IT Assistent <${inbox}>`, inboundHost: '127.0.0.1', inboundAddresses: [inbox], maxMessageBytes: 1_000_000, maxClients: 5, socketTimeoutMs: 10_000, allowedRelayIps: [], parseTimeoutMs: 10_000, trustedAuthservIds: [], attachments: { directory: await temporaryDirectory(), maxAttachmentBytes: 1_000_000, maxAttachments: 5, writeFile: diskFull } },
        logger,
        engine,
      });
      const outcome = await channel.ingest(mailWithAttachment('<voll-2@neverin.example>'));
      expect(outcome).toMatchObject({ outcome: 'created' });
      const ticket = await database.prisma.ticket.findFirstOrThrow({ where: { requesterEmail: 'amt@neverin.example' }, include: { messages: true } });
      const inbound = ticket.messages.find((message) => message.direction === 'in');
      expect(JSON.stringify(inbound?.attachments)).toContain('nicht gespeichert: Speicher voll');
      expect(logLines.join('')).toContain('attachments not stored');
      await channel.close();
    } finally {
      await database.close();
    }
  });
});
