import type { TicketPriority } from '../prisma/client.ts';

/** Response targets in business hours (Mon–Fri, 08:00–16:00 Europe/Berlin, MV holidays off). */
export const slaBusinessHours: Record<TicketPriority, number> = { dringend: 4, hoch: 8, normal: 16, niedrig: 40 };

const dayStartHour = 8;
const dayEndHour = 16;

/** Easter Sunday (Gregorian, anonymous algorithm), as a UTC date. */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const plusDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

/** Public holidays of Mecklenburg-Vorpommern (incl. Reformationstag and, since 2023, Frauentag). */
export function holidaysOfMecklenburgVorpommern(year: number): Set<string> {
  const easter = easterSunday(year);
  const fixed = ['01-01', '05-01', '10-03', '10-31', '12-25', '12-26', ...(year >= 2023 ? ['03-08'] : [])].map((day) => `${year}-${day}`);
  const moving = [-2, 1, 39, 50].map((offset) => isoDay(plusDays(easter, offset)));
  return new Set([...fixed, ...moving]);
}

/** Wall-clock parts of an instant in Europe/Berlin. */
function berlinParts(instant: Date) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' }).formatToParts(instant);
  const value = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return { day: `${value('year')}-${value('month')}-${value('day')}`, hour: Number(value('hour')) + Number(value('minute')) / 60, weekday: value('weekday') };
}

function isBusinessDay(instant: Date): boolean {
  const { day, weekday } = berlinParts(instant);
  return weekday !== 'Sat' && weekday !== 'Sun' && !holidaysOfMecklenburgVorpommern(Number(day.slice(0, 4))).has(day);
}

/**
 * Adds business hours to a start instant, minute by quarter hour: time only counts Mon–Fri
 * 08:00–16:00 in Berlin on days that are not public holidays in MV.
 */
export function addBusinessHours(start: Date, hours: number): Date {
  const stepMs = 15 * 60_000;
  let remaining = hours * 4;
  let cursor = new Date(Math.ceil(start.getTime() / stepMs) * stepMs);
  // Bounded: a year of quarter hours is far beyond any SLA.
  for (let guard = 0; remaining > 0 && guard < 35_040; guard += 1) {
    const { hour } = berlinParts(cursor);
    if (isBusinessDay(cursor) && hour >= dayStartHour && hour < dayEndHour) remaining -= 1;
    cursor = new Date(cursor.getTime() + stepMs);
  }
  return cursor;
}

export function computeDueDate(priority: TicketPriority, createdAt: Date): Date {
  return addBusinessHours(createdAt, slaBusinessHours[priority]);
}
