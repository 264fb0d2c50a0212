import { expect, it } from 'vitest';
import { importSchoolBoards } from '../../tickets/import-school-boards.ts';
import { importSchools } from '../../tickets/import-schools.ts';
import { describeOnEachDatabase } from '../helpers/database.ts';
import { uniqueSuffix } from '../helpers/factories.ts';

describeOnEachDatabase('master data import', (database) => {

  it('imports Excel-style CSV (; separator, BOM, umlauts), reports bad rows and is idempotent', async () => {
    const suffix = uniqueSuffix();
    const csv =
      '\uFEFFName;Art;Region\r\n' +
      `Amt Grabow ${suffix};Amt;Ludwigslust-Parchim\r\n` +
      `Landkreis Müritz ${suffix};Landkreis;Mecklenburgische Seenplatte\r\n` +
      `Schulverein Bützow ${suffix};Freier Träger;Rostock\r\n` +
      `Zweckverband ${suffix};Zweckverband;\r\n` +
      ';Gemeinde;Nirgendwo\r\n';
    const first = await importSchoolBoards({ prisma: database().prisma, content: Buffer.from(csv, 'utf8') });
    expect(first).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(first.rejected).toEqual([
      { line: 5, reason: expect.stringContaining('Unbekannte Art „Zweckverband“') },
      { line: 6, reason: 'Name fehlt.' },
    ]);
    const board = await database().prisma.schoolBoard.findUniqueOrThrow({ where: { name: `Schulverein Bützow ${suffix}` } });
    expect(board.kind).toBe('freier_traeger');

    const second = await importSchoolBoards({ prisma: database().prisma, content: Buffer.from(csv, 'utf8') });
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 3 });

    const changed = csv.replace('Ludwigslust-Parchim', 'Ludwigslust');
    expect(await importSchoolBoards({ prisma: database().prisma, content: changed })).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
  });

  it('decodes windows-1252 files as saved by older Excel versions and accepts commas', async () => {
    const suffix = uniqueSuffix();
    const csv = `# Kommentar; mit Semikolon\nName,Art,Region\nGemeinde Göhren-Lebbin ${suffix},Gemeinde,Seenplatte\n`;
    const report = await importSchoolBoards({ prisma: database().prisma, content: Buffer.from(csv, 'latin1') });
    expect(report.created).toBe(1);
    expect(await database().prisma.schoolBoard.count({ where: { name: `Gemeinde Göhren-Lebbin ${suffix}` } })).toBe(1);
  });

  it('imports schools against known school boards and rejects rows with reasons', async () => {
    const suffix = uniqueSuffix();
    await importSchoolBoards({ prisma: database().prisma, content: `Name;Art\nStadt Penzlin ${suffix};Gemeinde\n` });
    const base = 70_000_000 + Math.floor(Math.random() * 9_000_000);
    const csv = [
      'Name;Schulart;Dienststellennummer;Schulträger;ROP-Förderjahr;Schülerzahl',
      `Grundschule Penzlin;Grundschule;${base};Stadt Penzlin ${suffix};2021;120`,
      `Regionale Schule Penzlin;Regionale Schule;${base + 1};stadt penzlin ${suffix};;1.230`,
      `Phantasieschule;Grundschule;${base + 2};Unbekannter Träger;2021;10`,
      `Falsche Nummer;Grundschule;12a;Stadt Penzlin ${suffix};2021;10`,
      `Doppelt;Grundschule;${base};Stadt Penzlin ${suffix};2021;10`,
      `Zu spät;Gymnasium;${base + 3};Stadt Penzlin ${suffix};1999;10`,
    ].join('\n');
    const report = await importSchools({ prisma: database().prisma, content: csv });
    expect(report).toMatchObject({ created: 2, updated: 0 });
    expect(report.rejected.map((row) => row.line)).toEqual([4, 5, 6, 7]);
    expect(report.rejected[0]?.reason).toContain('Schulträger „Unbekannter Träger“ ist nicht bekannt');
    expect(report.rejected[1]?.reason).toContain('Dienststellennummer „12a“');
    expect(report.rejected[2]?.reason).toContain('mehrfach');
    expect(report.rejected[3]?.reason).toContain('ROP-Förderjahr „1999“');
    const regional = await database().prisma.school.findUniqueOrThrow({ where: { dienststellennummer: String(base + 1) } });
    expect(regional).toMatchObject({ schoolType: 'regionale_schule', pupilCount: 1230, ropFundingYear: null });

    const again = await importSchools({ prisma: database().prisma, content: csv });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('rejects a file whose header lacks a required column', async () => {
    const report = await importSchools({ prisma: database().prisma, content: 'Name;Schulart\nX;Grundschule\n' });
    expect(report.rejected).toEqual([{ line: 1, reason: 'Spalte(n) fehlen in der Kopfzeile: Dienststellennummer, Schulträger.' }]);
  });
});
