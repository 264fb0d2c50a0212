import type { PrismaClient, SchoolBoardKind } from '../prisma/client.ts';
import { foldGerman, readCsvRows, type RejectedRow } from './read-csv-rows.ts';

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
}

const kindByLabel: Record<string, SchoolBoardKind> = {
  landkreis: 'landkreis',
  'kreisfreie stadt': 'kreisfreie_stadt',
  kreisfreie_stadt: 'kreisfreie_stadt',
  amt: 'amt',
  gemeinde: 'gemeinde',
  stadt: 'gemeinde',
  'freier traeger': 'freier_traeger',
  freier_traeger: 'freier_traeger',
};

export interface ImportSchoolBoardsOptions {
  prisma: PrismaClient;
  content: Buffer | string;
}

/**
 * Imports school boards (Schulträger) from CSV with the columns `Name;Art;Region`. Re-importing the
 * same file changes nothing; a row with the same name updates that school board.
 */
export async function importSchoolBoards({ prisma, content }: ImportSchoolBoardsOptions): Promise<ImportReport> {
  const { headers, rows } = readCsvRows(content);
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  for (const required of ['name', 'art']) {
    if (!headers.includes(required)) {
      report.rejected.push({ line: 1, reason: `Spalte „${required === 'name' ? 'Name' : 'Art'}“ fehlt in der Kopfzeile.` });
      return report;
    }
  }
  const seen = new Set<string>();
  for (const { line, values } of rows) {
    const name = values.name ?? '';
    const kind = kindByLabel[foldGerman(values.art ?? '')];
    const region = values.region || null;
    if (!name) {
      report.rejected.push({ line, reason: 'Name fehlt.' });
      continue;
    }
    if (!kind) {
      report.rejected.push({
        line,
        reason: `Unbekannte Art „${values.art ?? ''}“ (erlaubt: Landkreis, kreisfreie Stadt, Amt, Gemeinde, freier Träger).`,
      });
      continue;
    }
    if (seen.has(name)) {
      report.rejected.push({ line, reason: `„${name}“ steht mehrfach in der Datei.` });
      continue;
    }
    seen.add(name);
    const existing = await prisma.schoolBoard.findUnique({ where: { name } });
    if (!existing) {
      await prisma.schoolBoard.create({ data: { name, kind, region } });
      report.created += 1;
    } else if (existing.kind !== kind || existing.region !== region) {
      await prisma.schoolBoard.update({ where: { id: existing.id }, data: { kind, region } });
      report.updated += 1;
    } else {
      report.unchanged += 1;
    }
  }
  return report;
}
