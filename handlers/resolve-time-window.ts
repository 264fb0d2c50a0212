import { DateTime } from 'luxon';

/**
 * Turns a time window as people write it ("nächste Woche Dienstag vormittags", "am 15.12. ab 10
 * Uhr", "KW 3", "ab dem 10.") into concrete dates in Europe/Berlin, so that advisors see which
 * day is meant. The phrase arrives folded (umlauts as ae/oe/ue, lower case). Returns nothing when
 * the phrase names no day ("vormittags" alone).
 */
export interface ResolvedWindow {
  start: DateTime;
  end: DateTime;
  /** "montags", "jeden Dienstag": the first such day is given, others may do as well. */
  isRecurring?: boolean;
}

const zone = 'Europe/Berlin';
const weekdays = ['montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag'];

/** Hours of a part of the day or a stated time; undefined when the phrase states none. */
function hoursOf(phrase: string): { from: number; fromMinute: number; to: number; toMinute: number } | undefined {
  const range = /\b(?:zwischen|von)\s+(\d{1,2})(?::(\d{2}))?\s*(?:uhr\s*)?(?:und|bis)\s+(\d{1,2})(?::(\d{2}))?/.exec(phrase);
  if (range) return { from: Number(range[1]), fromMinute: Number(range[2] ?? 0), to: Number(range[3]), toMinute: Number(range[4] ?? 0) };
  const from = /\bab\s+(\d{1,2})(?::(\d{2}))?\s*uhr/.exec(phrase);
  if (from) return { from: Number(from[1]), fromMinute: Number(from[2] ?? 0), to: 17, toMinute: 0 };
  const at = /\bum\s+(\d{1,2})(?::(\d{2}))?/.exec(phrase);
  if (at) return { from: Number(at[1]), fromMinute: Number(at[2] ?? 0), to: Number(at[1]) + 1, toMinute: Number(at[2] ?? 0) };
  if (/vormittag|morgens|frueh/.test(phrase)) return { from: 8, fromMinute: 0, to: 12, toMinute: 0 };
  if (/nachmittag/.test(phrase)) return { from: 13, fromMinute: 0, to: 17, toMinute: 0 };
  if (/abends/.test(phrase)) return { from: 17, fromMinute: 0, to: 19, toMinute: 0 };
  return undefined;
}

function withHours(day: DateTime, phrase: string): ResolvedWindow {
  const hours = hoursOf(phrase);
  if (!hours) return { start: day.startOf('day'), end: day.endOf('day') };
  return { start: day.set({ hour: hours.from, minute: hours.fromMinute, second: 0, millisecond: 0 }), end: day.set({ hour: hours.to, minute: hours.toMinute, second: 0, millisecond: 0 }) };
}

export function resolveTimeWindow(phrase: string, now: Date = new Date()): ResolvedWindow | undefined {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const weekOffset = /\buebernaechste\w* woche\b/.test(phrase) ? 2 : /\b(naechste|kommende)\w* woche\b/.test(phrase) ? 1 : 0;

  const date = /\b(\d{1,2})\.\s?(\d{1,2})\.(\d{2,4})?/.exec(phrase);
  if (date) {
    const year = date[3] ? Number(date[3].length === 2 ? `20${date[3]}` : date[3]) : today.year;
    let day = DateTime.fromObject({ year, month: Number(date[2]), day: Number(date[1]) }, { zone });
    if (!day.isValid) return undefined;
    if (!date[3] && day < today) day = day.plus({ years: 1 });
    return withHours(day, phrase);
  }
  const fromDay = /\bab (?:dem )?(\d{1,2})\.(?!\s?\d)/.exec(phrase);
  if (fromDay) {
    let day = today.set({ day: Number(fromDay[1]) });
    if (!day.isValid || day < today) day = today.plus({ months: 1 }).set({ day: Number(fromDay[1]) });
    if (!day.isValid) return undefined;
    return { start: withHours(day, phrase).start, end: day.plus({ days: 13 }).endOf('day') };
  }
  const calendarWeek = /\bkw\s?(\d{1,2})\b/.exec(phrase);
  if (calendarWeek) {
    let monday = DateTime.fromObject({ weekYear: today.weekYear, weekNumber: Number(calendarWeek[1]), weekday: 1 }, { zone });
    if (monday.plus({ days: 4 }) < today) monday = DateTime.fromObject({ weekYear: today.weekYear + 1, weekNumber: Number(calendarWeek[1]), weekday: 1 }, { zone });
    return monday.isValid ? { start: monday, end: monday.plus({ days: 4 }).endOf('day') } : undefined;
  }
  const weekdayIndex = weekdays.findIndex((name) => new RegExp(`\\b${name}s?\\b`).test(phrase));
  if (weekdayIndex >= 0) {
    let day: DateTime;
    if (weekOffset > 0) {
      day = today.startOf('week').plus({ weeks: weekOffset, days: weekdayIndex });
    } else {
      // The next such weekday after today ("am Dienstag" said on a Tuesday means next week's).
      const ahead = (weekdayIndex + 1 - today.weekday + 7) % 7 || 7;
      day = today.plus({ days: ahead });
    }
    const isRecurring = new RegExp(`\\b(jeden ${weekdays[weekdayIndex]}|${weekdays[weekdayIndex]}s)\\b`).test(phrase);
    return { ...withHours(day, phrase), ...(isRecurring ? { isRecurring } : {}) };
  }
  if (weekOffset > 0) {
    const monday = today.startOf('week').plus({ weeks: weekOffset });
    return { start: monday, end: monday.plus({ days: 4 }).endOf('day') };
  }
  if (/\bmorgen\b/.test(phrase) && !/\bmorgens\b/.test(phrase)) return withHours(today.plus({ days: 1 }), phrase);
  return undefined;
}

/** "Di., 08.12.2026, 08:00–12:00 Uhr" or "07.12.–11.12.2026": what advisors read next to the words. */
export function describeResolvedWindow({ start, end, isRecurring = false }: ResolvedWindow): string {
  if (start.hasSame(end, 'day')) {
    const isWholeDay = start.hour === 0 && end.hour === 23;
    return `${isRecurring ? 'ab ' : ''}${start.setLocale('de').toFormat('ccc., dd.MM.yyyy')}${isWholeDay ? '' : `, ${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')} Uhr`}`;
  }
  return `${start.toFormat('dd.MM.')}–${end.toFormat('dd.MM.yyyy')}`;
}
