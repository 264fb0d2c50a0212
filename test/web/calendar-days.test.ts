import { describe, expect, it } from 'vitest';
import { addDays, dayKeyOf, isoWeekOf, mondayOf, preferredDaysOf, windowWords } from '../../advisor/web/src/bookings/calendar-days.ts';
import { extractTimeWindows } from '../../handlers/extract-slots.ts';

// The agenda reads the dates the assistant writes into a preferred window: both sides must agree.
describe('preferred windows on the week agenda', () => {
  const now = new Date('2026-12-05T10:00:00+01:00');

  it.each([
    ['Am besten Dienstag oder Mittwoch vormittag', [{ from: '2026-12-08', to: '2026-12-08', hours: '08:00–12:00' }, { from: '2026-12-09', to: '2026-12-09', hours: '08:00–12:00' }]],
    ['nächste Woche wäre gut', [{ from: '2026-12-07', to: '2026-12-11' }]],
    ['am 15.12. ab 10 Uhr', [{ from: '2026-12-15', to: '2026-12-15', hours: '10:00–17:00' }]],
    ['KW 3 irgendwann', [{ from: '2027-01-18', to: '2027-01-22' }]],
    ['montags', [{ from: '2026-12-07', to: '2026-12-07' }]],
  ])('reads the days of „%s“', (text, expected) => {
    const windows = extractTimeWindows(text, now);
    expect(windows.map((window) => preferredDaysOf(window))).toEqual(expected);
    expect(windows.map(windowWords).every((words) => !words.includes('('))).toBe(true);
  });

  it('names no day for a window without one, and spans the turn of the year', () => {
    expect(preferredDaysOf('vormittags')).toBeUndefined();
    expect(preferredDaysOf('zwischen den Jahren (28.12.–03.01.2027)')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });

  it('counts days and weeks in Berlin time', () => {
    expect(dayKeyOf(new Date('2026-12-06T23:30:00Z'))).toBe('2026-12-07');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(isoWeekOf('2026-12-07')).toBe(50);
    expect(isoWeekOf('2027-01-04')).toBe(1);
    expect(isoWeekOf('2026-01-01')).toBe(1);
  });
});
