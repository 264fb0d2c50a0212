import { lazily } from '../load-lazily.ts';
import type { TeamFigures } from '../tickets/index.ts';
import { bookingStatusLabels, categoryLabels } from '../vocabulary/index.ts';

const csv = lazily<typeof import('csv-stringify/sync')>('csv-stringify/sync');

const number = (value: number | null) => (value === null ? '' : String(value).replace('.', ','));

/**
 * The team's figures as one table for a German spreadsheet: `;`-separated, decimal comma, UTF-8
 * with BOM, one row per period and figure (weeks for tickets, answers and times, months for
 * bookings), so it can be filtered and pivoted as it is.
 */
export function renderFiguresCsv(figures: TeamFigures): string {
  const rows: string[][] = [['Zeitraum', 'Beginn', 'Kennzahl', 'Wert']];
  for (const week of figures.weeks) {
    const add = (label: string, value: number | null) => rows.push([week.week, week.start, label, number(value)]);
    add('Vorgänge', week.tickets);
    for (const [code, label] of Object.entries(categoryLabels)) add(`Vorgänge: ${label}`, week.ticketsByCategory[code as keyof typeof categoryLabels]);
    add('Fragen vom Assistenten beantwortet', week.answered);
    add('Fragen ohne verlässliche Antwort', week.abstentions);
    add('Fragen als themenfremd abgelehnt', week.refusals);
    add('Erste Antwort: Vorgänge', week.firstResponse.count);
    add('Erste Antwort: Median (Arbeitsstunden)', week.firstResponse.medianHours);
    add('Erste Antwort: 90 % innerhalb (Arbeitsstunden)', week.firstResponse.p90Hours);
    add('Erste Antwort: innerhalb der Frist', week.firstResponse.withinSla);
    add('Erste Antwort: Frist überschritten', week.firstResponse.missedSla);
    add('Gelöst: Vorgänge', week.resolution.count);
    add('Gelöst: Median (Arbeitsstunden)', week.resolution.medianHours);
    add('Gelöst: 90 % innerhalb (Arbeitsstunden)', week.resolution.p90Hours);
  }
  for (const month of figures.months) {
    rows.push([month.month, `${month.month}-01`, 'Beratungstermine', number(month.bookings)]);
    for (const [code, label] of Object.entries(bookingStatusLabels)) rows.push([month.month, `${month.month}-01`, `Beratungstermine: ${label}`, number(month.bookingsByStatus[code as keyof typeof bookingStatusLabels])]);
  }
  return `\uFEFF${csv().stringify(rows, { delimiter: ';', record_delimiter: 'windows' })}`;
}
