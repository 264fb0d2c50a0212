import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { importSchoolBoards, importSchools, type ImportReport } from '../tickets/index.ts';
import type { CliIo, CommandContext } from './cli-io.ts';

function printReport(io: CliIo, label: string, report: ImportReport): void {
  io.out(`${label}: ${report.created} neu, ${report.updated} geändert, ${report.unchanged} unverändert, ${report.rejected.length} abgelehnt.`);
  for (const { line, reason } of report.rejected) io.out(`  Zeile ${line}: ${reason}`);
}

/** `schulit import school-boards|schools <csv>`: master data. */
export function addImportCommands(program: Command, { io, withDatabase }: CommandContext): void {
  const importCommand = program.command('import').description('Stammdaten aus CSV importieren');
  importCommand
    .command('school-boards <csv>')
    .description('Schulträger importieren (Spalten: Name;Art;Region)')
    .action(async (file: string) => {
      const content = await readFile(file);
      printReport(io, 'Schulträger', await withDatabase((database) => importSchoolBoards({ prisma: database.prisma, content })));
    });
  importCommand
    .command('schools <csv>')
    .description('Schulen importieren (Spalten: Name;Schulart;Dienststellennummer;Schulträger;ROP-Förderjahr;Schülerzahl)')
    .action(async (file: string) => {
      const content = await readFile(file);
      printReport(io, 'Schulen', await withDatabase((database) => importSchools({ prisma: database.prisma, content })));
    });
}
