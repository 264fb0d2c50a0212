import type { PrismaClient, SchoolType } from '../prisma/client.ts';
import type { ImportReport } from './import-school-boards.ts';
import { foldGerman, readCsvRows } from './read-csv-rows.ts';

const typeByLabel: Record<string, SchoolType> = {
  grundschule: 'grundschule',
  'regionale schule': 'regionale_schule',
  regionale_schule: 'regionale_schule',
  gesamtschule: 'gesamtschule',
  gymnasium: 'gymnasium',
  foerderschule: 'foerderschule',
  'berufliche schule': 'berufliche_schule',
  berufliche_schule: 'berufliche_schule',
  sonstige: 'sonstige',
};

const requiredColumns = { name: 'Name', schulart: 'Schulart', dienststellennummer: 'Dienststellennummer', schultraeger: 'Schulträger' };

export interface ImportSchoolsOptions {
  prisma: PrismaClient;
  content: Buffer | string;
}

/**
 * Imports schools from CSV with the columns
 * `Name;Schulart;Dienststellennummer;Schulträger;ROP-Förderjahr;Schülerzahl`. The Dienststellennummer
 * identifies a school; the Schulträger must already exist (import school boards first).
 */
export async function importSchools({ prisma, content }: ImportSchoolsOptions): Promise<ImportReport> {
  const { headers, rows } = readCsvRows(content);
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  const missing = Object.entries(requiredColumns).filter(([key]) => !headers.includes(key));
  if (missing.length > 0) {
    report.rejected.push({ line: 1, reason: `Spalte(n) fehlen in der Kopfzeile: ${missing.map(([, label]) => label).join(', ')}.` });
    return report;
  }
  const boards = new Map((await prisma.schoolBoard.findMany()).map((board) => [foldGerman(board.name), board.id]));
  const seen = new Set<string>();
  for (const { line, values } of rows) {
    const problems: string[] = [];
    const name = values.name ?? '';
    const number = (values.dienststellennummer ?? '').replace(/\s/g, '');
    const schoolType = typeByLabel[foldGerman(values.schulart ?? '')];
    const schoolBoardId = boards.get(foldGerman(values.schultraeger ?? ''));
    const ropFundingYear = parseOptionalInteger(values['rop-foerderjahr']);
    const pupilCount = parseOptionalInteger(values.schuelerzahl);
    if (!name) problems.push('Name fehlt');
    if (!/^\d{4,10}$/.test(number)) problems.push(`Dienststellennummer „${values.dienststellennummer ?? ''}“ ist keine Ziffernfolge (4–10 Ziffern)`);
    if (!schoolType) problems.push(`unbekannte Schulart „${values.schulart ?? ''}“`);
    if (!schoolBoardId) problems.push(`Schulträger „${values.schultraeger ?? ''}“ ist nicht bekannt (zuerst Schulträger importieren)`);
    if (Number.isNaN(ropFundingYear) || (ropFundingYear !== null && (ropFundingYear < 2019 || ropFundingYear > 2035))) {
      problems.push(`ROP-Förderjahr „${values['rop-foerderjahr'] ?? ''}“ ist kein Jahr zwischen 2019 und 2035`);
    }
    if (Number.isNaN(pupilCount) || (pupilCount !== null && pupilCount < 0)) {
      problems.push(`Schülerzahl „${values.schuelerzahl ?? ''}“ ist keine Zahl`);
    }
    if (seen.has(number)) problems.push(`Dienststellennummer ${number} steht mehrfach in der Datei`);
    if (problems.length > 0 || !schoolType || !schoolBoardId) {
      report.rejected.push({ line, reason: `${problems.join('; ')}.` });
      continue;
    }
    seen.add(number);
    const data = { name, schoolType, schoolBoardId, ropFundingYear, pupilCount };
    const existing = await prisma.school.findUnique({ where: { dienststellennummer: number } });
    if (!existing) {
      await prisma.school.create({ data: { ...data, dienststellennummer: number } });
      report.created += 1;
    } else if (Object.entries(data).some(([key, value]) => existing[key as keyof typeof data] !== value)) {
      await prisma.school.update({ where: { id: existing.id }, data });
      report.updated += 1;
    } else {
      report.unchanged += 1;
    }
  }
  return report;
}

/** Empty -> null, a whole number -> the number, anything else -> NaN. */
function parseOptionalInteger(value: string | undefined): number | null {
  const trimmed = (value ?? '').replace(/\./g, '').trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number.parseInt(trimmed, 10) : Number.NaN;
}
