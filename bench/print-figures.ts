import type { InstancesFigures } from './bench-instances.ts';
import type { ServiceFigures } from './bench-service.ts';
import type { SoakFigures } from './soak.ts';
import type { MailIntakeFigures } from './measure-mail-intake.ts';
import type { RetrievalComparison } from './measure-retrieval.ts';

export interface BenchResults {
  commit?: string;
  machine: { cpus: number; node: string; loadAverage: number[] };
  settings: { seconds: number; mails: number; paddedSize: number };
  retrieval?: { shipped: RetrievalComparison; padded: RetrievalComparison; keyFactCoverage: number; abstentionAccuracy: number };
  services: ServiceFigures[];
  instances?: InstancesFigures;
  soak?: SoakFigures;
  mailIntake?: MailIntakeFigures;
  notes: string[];
}

/** The first mails after the start, measured apart (results from before 2026-12-06 counted them in the rate). */
function firstMailsText(mail: { firstMails?: { mails: number; slowestMs: number } }): string {
  return mail.firstMails ? `${mail.firstMails.mails} erste Mails nach dem Start (Parser-Prozesse starten) höchstens ${mail.firstMails.slowestMs} ms` : 'erste Mails im Durchsatz mitgezählt';
}

function table(header: string[], rows: (string | number | null)[][]): string[] {
  const cells = [header, ...rows.map((row) => row.map((cell) => (cell === null ? '–' : String(cell))))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(cells[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.slice(1).map(line)];
}

/** The figures as plain-text tables (German labels, like the README). */
export function printFigures(results: BenchResults): string {
  const lines = [`Benchmark (Commit ${results.commit ?? 'unbekannt'}): ${results.machine.cpus} Kerne, Node ${results.machine.node}, Last ${results.machine.loadAverage.join(' / ')}`, ''];
  const { retrieval } = results;
  if (retrieval) {
    const rows = [retrieval.shipped, retrieval.padded].flatMap((comparison) =>
      (['ours', 'miniSearch', 'postgres'] as const).flatMap((engine) => {
        const run = comparison[engine];
        if (!run) return [];
        return [[`${{ ours: 'unser Index', miniSearch: 'MiniSearch', postgres: 'PostgreSQL-Volltext' }[engine]} (${comparison.chunks} Abschnitte)`, run.hitAt1, run.hitAt3, run.mrr, run.microsecondsPerQuery, run.firstPassMicrosecondsPerQuery, run.buildMs]];
      }),
    );
    lines.push(`Suche (${retrieval.shipped.questions ?? 66} beantwortbare Fragen)`, ...table(['', 'hit@1', 'hit@3', 'MRR', 'µs/Frage', 'µs erste Runde', 'Aufbau ms'], rows));
    lines.push(`Kernfakten genannt ${retrieval.keyFactCoverage}, richtige Entscheidung ${retrieval.abstentionAccuracy}`, '');
  }
  for (const service of results.services) {
    lines.push(`Dienst als eigener Prozess auf ${service.database === 'pglite' ? 'PGlite' : 'PostgreSQL'} (autocannon, je ${results.settings.seconds} s)`);
    lines.push(
      ...table(
        ['', 'Verb.', 'Anfragen', '/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'Fehler', 'nicht 2xx', '429'],
        service.load.map((figures) => [figures.path, figures.connections, figures.requests, figures.perSecond, figures.p50Ms, figures.p90Ms, figures.p99Ms, figures.maxMs, figures.errors, figures.non2xx, figures.rateLimited]),
      ),
    );
    const { mail } = service;
    lines.push(
      `Mail-Eingang SMTP: ${firstMailsText(mail)}, dann ${mail.mails} Mails über ${mail.connections} Verbindungen, ${mail.perSecond}/s, p50 ${mail.p50Ms} ms, p99 ${mail.p99Ms} ms, angenommen ${mail.accepted}, abgelehnt ${mail.rejected}, Tickets gespeichert ${mail.ticketsStored}${mail.ticketsStored === mail.accepted ? '' : ' (ABWEICHUNG)'}`,
      `Tickets aus dem Chat: ${service.chatTicketsStored}`,
      `Kaltstart bis /readyz 200: leer ${service.coldStartMs.fresh} ms, mit Bestand ${service.coldStartMs.existing} ms`,
      `Speicher (RSS): im Leerlauf ${service.residentMb.idle} MB, nach Last ${service.residentMb.afterLoad} MB, Spitze ${service.residentMb.peak} MB`,
      '',
    );
  }
  const several = results.instances;
  if (several) {
    const { checks } = several;
    lines.push(
      `${several.instances} Instanzen auf einer PostgreSQL-Datenbank hinter Round-Robin (Anfragen je Instanz ${several.requestsPerInstance.join(' / ')})`,
      ...table(['', 'Verb.', 'Anfragen', '/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'Fehler', 'nicht 2xx', '429'], [several.chat, several.healthzBeside].map((figures) => [figures.path, figures.connections, figures.requests, figures.perSecond, figures.p50Ms, figures.p90Ms, figures.p99Ms, figures.maxMs, figures.errors, figures.non2xx, figures.rateLimited])),
      `Mail-Eingang SMTP: ${firstMailsText(several.mail)}, dann ${several.mail.mails} Mails über ${several.mail.connections} Verbindungen, ${several.mail.perSecond}/s, p99 ${several.mail.p99Ms} ms, angenommen ${several.mail.accepted}`,
      `Vorgänge ${checks.tickets}, davon aus Mails ${checks.mailTickets}, doppelte Nummern ${checks.duplicateTicketNumbers}`,
      `Ausgang: ${checks.mailOutboxDelivered} von ${checks.mailOutbox} Mails zugestellt, beim SMTP-Empfänger ${checks.mailsReceived}, davon doppelt ${checks.mailsDeliveredTwice}`,
      `Ratenlimit ${checks.rateLimit.limit}/min für eine Adresse über alle Instanzen: ${checks.rateLimit.sent} gesendet, ${checks.rateLimit.accepted} angenommen, ${checks.rateLimit.refused} abgewiesen`,
      several.errors.length === 0 ? 'Prüfungen: alle bestanden' : `PRÜFUNGEN FEHLGESCHLAGEN: ${several.errors.join('; ')}`,
      '',
    );
  }
  const soakRun = results.soak;
  if (soakRun) {
    lines.push(
      `Dauertest ${soakRun.minutes} min auf PGlite: Chat ${soakRun.rates.chatPerSecond}/s, Mail ${soakRun.rates.mailsPerMinute}/min (ein Drittel Bounces), Arbeitsbereich ${soakRun.rates.workspacePerSecond}/s`,
      ...table(['Minute', 'RSS MB', 'Loop p99 ms', 'Loop max ms', 'Chat', 'Chat p99 ms', 'Mails', 'Arbeitsbereich', 'Liste/Details p99 ms', 'Berichte max ms', 'Fehler'], soakRun.samples.map((sample) => [sample.minute, sample.residentMb, sample.eventLoopP99Ms, sample.eventLoopMaxMs, sample.chat, sample.chatP99Ms, sample.mails, sample.workspace, sample.workspaceP99Ms ?? null, sample.reportMaxMs ?? null, sample.errors])),
      `Summe: Chat ${soakRun.totals.chat}, Mails ${soakRun.totals.mails}, Arbeitsbereich ${soakRun.totals.workspace}, Fehler ${soakRun.totals.errors}, Vorgänge ${soakRun.totals.tickets}, Mails zugestellt ${soakRun.totals.mailsSent}`,
      `Anstieg in der zweiten Hälfte je Minute: RSS ${soakRun.residentSlopeMbPerMinute} MB, Chat p99 ${soakRun.chatP99SlopeMsPerMinute ?? '–'} ms, Liste/Details p99 ${soakRun.workspaceP99SlopeMsPerMinute ?? '–'} ms, Berichte ${soakRun.reportSlopeMsPerMinute ?? '–'} ms (wachsen mit dem Zeitraum, nicht Teil des Urteils), Loop p99 ${soakRun.eventLoopP99SlopeMsPerMinute ?? '–'} ms: ${soakRun.isSteady ? 'stabil' : 'NICHT STABIL'}${soakRun.errorExamples.length > 0 ? ` (${soakRun.errorExamples.join('; ')})` : ''}`,
      '',
    );
  }
  const intake = results.mailIntake;
  if (intake) {
    lines.push(
      'Mail-Eingang aus dem Internet (PGlite, eigener Prozess)',
      `Menschen: ${firstMailsText(intake.human)}, dann ${intake.human.mails} Mails, ${intake.human.perSecond}/s, p50 ${intake.human.p50Ms} ms, p99 ${intake.human.p99Ms} ms`,
      `Maschinenpost (sisimai, Umschlag <>): ${intake.machine.mails} Mails, ${intake.machine.perSecond}/s, Tickets ${intake.machine.ticketsOpened}, Antworten ${intake.machine.repliesQueued}`,
      ...table(['Feindliche Mail', 'KB', 'bis 250 ms', '/healthz max ms', 'Ticket'], intake.hostile.map((entry) => [entry.name, entry.kilobytes, entry.ms, entry.slowestHealthzMs, entry.ticket ? 'ja' : 'NEIN'])),
      `DATA-Strom ${intake.oversized.megabytes} MB ohne SIZE=: Antwort „${intake.oversized.response}“, RSS vorher ${intake.oversized.residentBeforeMb} MB, Spitze ${intake.oversized.residentPeakMb} MB`,
      '',
    );
  }
  lines.push(...results.notes, '');
  return lines.join('\n');
}
