import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/index.ts';
import { applyMigrations } from '../../prisma/migrate.ts';
import { openDatabase } from '../../prisma/client.ts';
import { updateTicketStatus } from '../../tickets/index.ts';
import { createRequestTicket } from '../helpers/factories.ts';
import { temporaryDirectory } from '../helpers/processes.ts';

/** `schulit privacy …` on the embedded database, in-process: what an operator types for a request. */
describe('schulit privacy', () => {
  it('searches, exports, holds, erases and applies retention, with German output and refusals', async () => {
    const dataDir = await temporaryDirectory();
    const environment = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const email = 'k.wendt@amt-penzlin.example';
    const database = await openDatabase({ dataDir });
    await applyMigrations(database);
    const first = await createRequestTicket(database.prisma, { channel: 'email', subject: 'Mittelabruf', text: 'Wie rufen wir Mittel ab? Tel. 03962 21 05 55', requester: { name: 'Karin Wendt', email } });
    const second = await createRequestTicket(database.prisma, { channel: 'email', subject: 'SDM', text: 'SDM-Zugang gesperrt', requester: { name: 'Karin Wendt', email } });
    const old = await createRequestTicket(database.prisma, { subject: 'Alt', text: 'Längst erledigt', requester: { email: 'frueher@amt-penzlin.example' } });
    await updateTicketStatus({ prisma: database.prisma, ticketNumber: old.number, status: 'geschlossen', actor: { type: 'advisor' } });
    await database.close();

    const run = async (...argv: string[]) => {
      const out: string[] = [];
      const error: string[] = [];
      const code = await runCli(argv, { out: (text) => out.push(text), error: (text) => error.push(text) }, environment);
      return { code, out: out.join('\n'), error: error.join('\n') };
    };

    const searched = await run('privacy', 'search', '--email', email);
    expect(searched.code).toBe(0);
    expect(searched.out).toContain(`Vorgänge: 2 (${first.number}, ${second.number})`);

    const target = path.join(dataDir, 'auskunft.zip');
    const exported = await run('privacy', 'export', '--email', email, '--out', target);
    expect(exported.out).toContain('2 Vorgänge');
    const zip = await JSZip.loadAsync(await readFile(target));
    expect(await zip.file('auskunft.json')!.async('string')).toContain('03962 21 05 55');

    expect(await run('privacy', 'search')).toMatchObject({ code: 2, error: expect.stringContaining('Bitte geben Sie --email, --teams-id oder --name an.') });
    expect(await run('privacy', 'erase', '--email', email)).toMatchObject({ code: 2, error: expect.stringContaining('Zum Löschen bitte --yes angeben') });
    expect(await run('privacy', 'hold', 'SIT-1999-00001')).toMatchObject({ code: 2, error: expect.stringContaining('Den Vorgang SIT-1999-00001 gibt es nicht.') });

    expect((await run('privacy', 'hold', second.number.toLowerCase(), '--reason', 'Prüfung Landesrechnungshof')).out).toBe(`Aufbewahrung für ${second.number} angeordnet.`);
    const erased = await run('privacy', 'erase', '--email', email, '--yes');
    expect(erased.code).toBe(0);
    expect(erased.out).toContain('Gelöscht bzw. anonymisiert: 1 Vorgang,');
    expect(erased.out).toContain(`Wegen angeordneter Aufbewahrung nicht gelöscht: ${second.number}`);
    expect((await run('privacy', 'search', '--email', email)).out).toContain(`Vorgänge: 1 (${second.number} – Aufbewahrung angeordnet)`);

    const retention = await run('privacy', 'retention');
    expect(retention.code).toBe(0);
    expect(retention.out).toMatch(/^Anonymisiert: 0 Vorgänge/);
    const reopened = await openDatabase({ dataDir });
    try {
      expect((await reopened.prisma.ticket.findUniqueOrThrow({ where: { number: old.number } })).requesterEmail).toBe('frueher@amt-penzlin.example');
      const events = await reopened.prisma.ticketEvent.findMany({ where: { ticket: { number: second.number }, type: 'legal_hold_set' } });
      expect(events).toEqual([expect.objectContaining({ data: { reason: 'Prüfung Landesrechnungshof' } })]);
    } finally {
      await reopened.close();
    }
    const zeroDays = await runCli(['privacy', 'retention'], { out: () => undefined, error: () => undefined }, { ...environment, RETENTION_CLOSED_TICKETS_DAYS: '0' });
    expect(zeroDays).toBe(0);
    const after = await openDatabase({ dataDir });
    try {
      expect(await after.prisma.ticket.findUniqueOrThrow({ where: { number: old.number } })).toMatchObject({ requesterEmail: null, subject: '[anonymisiert]' });
    } finally {
      await after.close();
    }
  }, 60_000);
});
