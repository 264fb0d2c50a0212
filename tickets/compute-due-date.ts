import { DateTime } from 'luxon';
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

const holidayCache = new Map<number, Set<string>>();

function isBusinessDay(day: DateTime): boolean {
  if (day.weekday > 5) return false;
  let holidays = holidayCache.get(day.year);
  if (!holidays) {
    holidays = holidaysOfMecklenburgVorpommern(day.year);
    holidayCache.set(day.year, holidays);
  }
  return !holidays.has(day.toISODate()!);
}

/**
 * Adds business hours to a start instant (rounded up to the quarter hour): time only counts
 * Mon–Fri 08:00–16:00 Berlin wall-clock time on days that are not public holidays in MV. Walks
 * day by day over the cached Berlin days (see businessDay), so a ticket costs a handful of steps
 * in plain arithmetic: with luxon objects per step it cost ~0.5 ms of every ticket.
 */
export function addBusinessHours(start: Date, hours: number): Date {
  const quarterMs = 15 * 60_000;
  let remaining = Math.round(hours * 60) * 60_000;
  let cursor = Math.ceil(start.getTime() / quarterMs) * quarterMs;
  let index = dayIndexOf(cursor);
  for (let guard = 0; remaining > 0 && guard < 550; guard += 1) {
    const day = businessDay(index);
    if (day.isBusiness) {
      const from = Math.max(cursor, day.opens);
      if (from < day.closes) {
        if (remaining <= day.closes - from) return new Date(from + remaining);
        remaining -= day.closes - from;
      }
    }
    index += 1;
    cursor = businessDay(index).midnight;
  }
  return new Date(cursor);
}

/** One Berlin calendar day: its midnight and business window as UTC milliseconds. */
interface BusinessDay {
  midnight: number;
  nextMidnight: number;
  opens: number;
  closes: number;
  isBusiness: boolean;
}

// Days by their index counted in UTC+1 (Berlin's standard offset), computed with luxon once each:
// the figures measure thousands of tickets, and a luxon conversion per ticket and day cost ~75 µs.
const businessDays = new Map<number, BusinessDay>();

function businessDay(index: number): BusinessDay {
  let day = businessDays.get(index);
  if (!day) {
    if (businessDays.size > 100_000) businessDays.clear();
    const midnight = DateTime.fromObject({ year: 1970, month: 1, day: 1 }, { zone: 'Europe/Berlin' }).plus({ days: index });
    day = {
      midnight: midnight.toMillis(),
      nextMidnight: midnight.plus({ days: 1 }).toMillis(),
      opens: midnight.set({ hour: dayStartHour }).toMillis(),
      closes: midnight.set({ hour: dayEndHour }).toMillis(),
      isBusiness: isBusinessDay(midnight),
    };
    businessDays.set(index, day);
  }
  return day;
}

/** The Berlin day an instant falls on, as its index (see businessDay). */
function dayIndexOf(instant: number): number {
  const index = Math.floor((instant + 3_600_000) / 86_400_000);
  // In summer time the last local hour of a UTC+1 day already belongs to the next Berlin day.
  return instant >= businessDay(index).nextMidnight ? index + 1 : index;
}

const overlap = (from: number, to: number, day: BusinessDay) => (day.isBusiness ? Math.max(0, Math.min(to, day.closes) - Math.max(from, day.opens)) : 0);

/** Business hours (as above) between two instants; 0 when `end` is not after `start`. */
export function businessHoursBetween(start: Date, end: Date): number {
  const from = start.getTime();
  const to = end.getTime();
  if (to <= from) return 0;
  const first = dayIndexOf(from);
  // Bounded like the due date: 800 days is far beyond any ticket's age in the figures.
  const last = Math.min(dayIndexOf(to), first + 800);
  let milliseconds = 0;
  for (let index = first; index <= last; index += 1) milliseconds += overlap(from, to, businessDay(index));
  return milliseconds / 3_600_000;
}

export function computeDueDate(priority: TicketPriority, createdAt: Date): Date {
  return addBusinessHours(createdAt, slaBusinessHours[priority]);
}
