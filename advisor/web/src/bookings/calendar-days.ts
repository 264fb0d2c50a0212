// Calendar days in Berlin wall-clock time, as "YYYY-MM-DD" keys, independent of the browser's zone.

const berlinDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });
const berlinTime = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });

/** The Berlin calendar day of an instant. */
export function dayKeyOf(instant: Date | string): string {
  return berlinDay.format(typeof instant === 'string' ? new Date(instant) : instant);
}

export function timeOf(instant: string): string {
  return berlinTime.format(new Date(instant));
}

const utcOf = (key: string) => new Date(`${key}T00:00:00Z`);

export function addDays(key: string, days: number): string {
  return new Date(utcOf(key).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday of the week a day belongs to. */
export function mondayOf(key: string): string {
  const weekday = (utcOf(key).getUTCDay() + 6) % 7;
  return addDays(key, -weekday);
}

/** ISO week number (KW) of a day. */
export function isoWeekOf(key: string): number {
  const thursday = utcOf(addDays(mondayOf(key), 3));
  const firstThursday = utcOf(addDays(mondayOf(`${thursday.getUTCFullYear()}-01-04`), 3));
  return 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
}

const dayLabel = new Intl.DateTimeFormat('de-DE', { weekday: 'short', day: '2-digit', month: '2-digit', timeZone: 'UTC' });

/** "Mo., 07.12." */
export function dayLabelOf(key: string): string {
  return dayLabel.format(utcOf(key));
}

export interface PreferredDays {
  /** First and last day (inclusive) the window covers. */
  from: string;
  to: string;
  /** "08:00–12:00" when the window names hours. */
  hours?: string;
}

/**
 * The days a preferred window names, read from the resolved dates the assistant adds to it
 * (handlers/resolve-time-window.ts, describeResolvedWindow): "Dienstag vormittags (Di., 08.12.2026,
 * 08:00–12:00 Uhr)", "nächste Woche (07.12.–11.12.2026)". A window without resolved dates
 * ("vormittags") names no day.
 */
export function preferredDaysOf(window: string): PreferredDays | undefined {
  const day = /\((?:ab )?(?:[A-Za-zÄÖÜäöü]{2,3}\.,\s*)?(\d{2})\.(\d{2})\.(\d{4})(?:,\s*(\d{2}:\d{2})–(\d{2}:\d{2}) Uhr)?\)\s*$/.exec(window);
  if (day) {
    const key = `${day[3]}-${day[2]}-${day[1]}`;
    return { from: key, to: key, hours: day[4] && day[5] ? `${day[4]}–${day[5]}` : undefined };
  }
  const range = /\((\d{2})\.(\d{2})\.–(\d{2})\.(\d{2})\.(\d{4})\)\s*$/.exec(window);
  if (!range) return undefined;
  const endYear = Number(range[5]);
  // "28.12.–03.01.2027": the start lies in the year before.
  const startYear = Number(range[2]) > Number(range[4]) ? endYear - 1 : endYear;
  return { from: `${startYear}-${range[2]}-${range[1]}`, to: `${endYear}-${range[4]}-${range[3]}` };
}

/** The window as people wrote it, without the resolved dates in brackets. */
export function windowWords(window: string): string {
  return window.replace(/\s*\([^()]*\d{2}\.\d{2}\.[^()]*\)\s*$/, '');
}
