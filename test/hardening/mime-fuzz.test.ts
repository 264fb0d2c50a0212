import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../email/parse-mail.ts';
import { toInboundMessage } from '../../email/create-email-channel.ts';
import { createTestEngine } from '../helpers/engine.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { temporaryDirectory } from '../helpers/processes.ts';
import { buildCase, loadSeedMessages, seededRandom } from './mime-mutations.ts';

const inbox = 'schul-it@ego-mv.example';
const caseCount = 3000;
const ingestSampleCount = 200;
// A safety bound against pathological inputs (catastrophic regexes, quadratic parsing), not a speed target.
const perMessageBoundMs = 2000;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapAfterCollection(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe('MIME fuzzing (seeded, reproducible)', () => {
  it(`parses ${caseCount} mutated fixtures without a throw, in bounded time and memory`, async () => {
    const seeds = await loadSeedMessages();
    const random = seededRandom(20_261_201);
    const attachments = { directory: await temporaryDirectory('schulit-fuzz-'), maxAttachmentBytes: 1_000_000, maxAttachments: 5 };
    const durations: number[] = [];
    const failures: string[] = [];
    let slowest = { ms: 0, label: '' };
    const heapBefore = heapAfterCollection();
    for (let index = 0; index < caseCount; index += 1) {
      const { label, raw } = buildCase(seeds, random);
      const started = performance.now();
      try {
        const mail = await parseMail(raw, { ownAddresses: [inbox], attachments });
        if (typeof mail.facts.messageId !== 'string' || mail.facts.messageId === '' || typeof mail.text !== 'string' || !Array.isArray(mail.facts.attachments)) {
          failures.push(`#${index} ${label}: incomplete result`);
        }
      } catch (error) {
        failures.push(`#${index} ${label}: ${(error as Error).message}`);
      }
      const elapsed = performance.now() - started;
      durations.push(elapsed);
      if (elapsed > slowest.ms) slowest = { ms: elapsed, label: `#${index} ${label}` };
    }
    const heapGrowth = heapAfterCollection() - heapBefore;
    durations.sort((left, right) => left - right);
    const p99 = durations[Math.floor(durations.length * 0.99)]!;
    process.stdout.write(
      `MIME-Fuzzing: ${caseCount} Fälle, p50 ${durations[Math.floor(durations.length / 2)]!.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${slowest.ms.toFixed(1)} ms (${slowest.label}), Heap-Zuwachs ${(heapGrowth / 1024 / 1024).toFixed(1)} MB\n`,
    );
    expect(failures).toEqual([]);
    expect(slowest.ms).toBeLessThan(perMessageBoundMs);
    expect(heapGrowth).toBeLessThan(64 * 1024 * 1024);
  }, 180_000);

  it('takes a mail whose header block exceeds the parser limit as a ticket-ready message instead of refusing it', async () => {
    const raw = Buffer.from(`From: amt@gemeinde.example\r\nTo: ${inbox}\r\nSubject: Antrag\r\nMessage-ID: <riesig@gemeinde.example>\r\nX-Long: ${'A'.repeat(1_200_000)}\r\n\r\nBitte prüfen Sie unseren Antrag.\r\n`);
    const mail = await parseMail(raw, { ownAddresses: [inbox] });
    expect(mail).toMatchObject({ facts: { messageId: '<riesig@gemeinde.example>', subject: 'Antrag' }, from: { address: 'amt@gemeinde.example' } });
    expect(mail.text).toContain('Bitte prüfen Sie unseren Antrag.');
  });

  it(`ingests a sample of ${ingestSampleCount} mutated mails into a real database: no throw, each Message-ID handled once`, async () => {
    const database = await createTestDatabase('pglite');
    try {
      const { engine } = await createTestEngine(database);
      const seeds = await loadSeedMessages();
      const random = seededRandom(4711);
      const failures: string[] = [];
      const outcomes: Record<string, number> = {};
      const messageIds = new Set<string>();
      for (let index = 0; index < ingestSampleCount; index += 1) {
        const { label, raw: mutated } = buildCase(seeds, random);
        // A Message-ID of its own per case, so that most cases go the whole way to a ticket.
        const raw = Buffer.concat([Buffer.from(`Message-ID: <fuzz-${index}@fuzz.example>\r\n`), Buffer.from(mutated.toString('latin1').replace(/^Message-ID:.*\r?\n/gim, ''), 'latin1')]);
        try {
          const mail = await parseMail(raw, { ownAddresses: [inbox] });
          messageIds.add(mail.facts.messageId);
          const result = (await engine.handleMessage(toInboundMessage(mail))).mail;
          outcomes[result?.outcome ?? 'none'] = (outcomes[result?.outcome ?? 'none'] ?? 0) + 1;
        } catch (error) {
          failures.push(`#${index} ${label}: ${(error as Error).message.slice(0, 300)}`);
        }
      }
      process.stdout.write(`MIME-Fuzzing durch die Annahme: ${ingestSampleCount} Fälle, Ergebnisse ${JSON.stringify(outcomes)}\n`);
      expect(failures).toEqual([]);
      const processed = await database.prisma.processedInboundMessage.count({ where: { channel: 'email', externalId: { in: [...messageIds] } } });
      expect(processed).toBe(messageIds.size);
      expect(outcomes.created).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  }, 180_000);
});
