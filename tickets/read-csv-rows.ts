import { lazily } from '../load-lazily.ts';
import { foldUmlauts } from './fold-umlauts.ts';

const csv = lazily<typeof import('csv-parse/sync')>('csv-parse/sync');

export interface CsvRow {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

/**
 * Reads a CSV export as people produce it: UTF-8 (with or without BOM) or Excel's windows-1252,
 * separated by `;` (German Excel), `,` or tabs. Header names are folded (case, umlauts, spaces) so
 * "Schulträger", "schultraeger" and "SCHULTRÄGER" all match.
 */
export function readCsvRows(content: Buffer | string): { headers: string[]; rows: CsvRow[] } {
  const text = typeof content === 'string' ? content : decodeText(content);
  // The header is the first line that is not a comment; sniff the separator there.
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((line) => line.trim() !== '' && !line.startsWith('#')) ?? '';
  const delimiter = [';', ',', '\t'].reduce((best, candidate) =>
    firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best,
  );
  const records = csv().parse(text, {
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    comment: '#',
    comment_no_infix: true,
    trim: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [header, ...body] = records;
  if (!header) return { headers: [], rows: [] };
  const headers = header.record.map(foldHeader);
  const rows = body.map(({ record, info }) => ({
    line: info.lines,
    values: Object.fromEntries(headers.map((name, index) => [name, record[index] ?? ''])),
  }));
  return { headers, rows };
}

function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

/** "Schulträger" -> "schultraeger", "ROP-Förderjahr" -> "rop-foerderjahr". */
export function foldHeader(name: string): string {
  return foldGerman(name).replace(/\s+/g, '-');
}

export function foldGerman(text: string): string {
  return foldUmlauts(text.trim());
}
