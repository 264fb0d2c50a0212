import { describe, expect, it } from 'vitest';
import { addBusinessHours, computeDueDate, holidaysOfMecklenburgVorpommern } from '../../tickets/compute-due-date.ts';

// Instants written in Berlin wall-clock time with their offset, as an advisor would read them.
const at = (text: string) => new Date(text);

describe('due dates in business hours (Mon–Fri 08:00–16:00 Berlin, MV holidays off)', () => {
  it('counts within a day and carries over night and weekend', () => {
    expect(addBusinessHours(at('2026-12-01T09:00:00+01:00'), 4)).toEqual(at('2026-12-01T13:00:00+01:00'));
    expect(addBusinessHours(at('2026-12-01T15:00:00+01:00'), 4)).toEqual(at('2026-12-02T11:00:00+01:00'));
    // Friday afternoon: the rest runs on Monday.
    expect(addBusinessHours(at('2026-12-04T14:00:00+01:00'), 8)).toEqual(at('2026-12-07T14:00:00+01:00'));
    // Before opening and on a Sunday, the clock starts at 08:00 of the next business day.
    expect(addBusinessHours(at('2026-12-01T06:30:00+01:00'), 1)).toEqual(at('2026-12-01T09:00:00+01:00'));
    expect(addBusinessHours(at('2026-12-06T12:00:00+01:00'), 0.25)).toEqual(at('2026-12-07T08:15:00+01:00'));
    // Started at 15:45 with a quarter hour: due at 16:00 the same day, not the next morning.
    expect(addBusinessHours(at('2026-12-01T15:45:00+01:00'), 0.25)).toEqual(at('2026-12-01T16:00:00+01:00'));
  });

  it('skips the public holidays of Mecklenburg-Vorpommern', () => {
    const holidays = holidaysOfMecklenburgVorpommern(2027);
    expect([...holidays].sort()).toEqual(['2027-01-01', '2027-03-08', '2027-03-26', '2027-03-29', '2027-05-01', '2027-05-06', '2027-05-17', '2027-10-03', '2027-10-31', '2027-12-25', '2027-12-26']);
    // Christmas 2026: Thursday 24 is a business day, 25 and 26 are holidays, then the weekend.
    expect(addBusinessHours(at('2026-12-24T12:00:00+01:00'), 8)).toEqual(at('2026-12-28T12:00:00+01:00'));
    // Frauentag, Monday 8 March 2027.
    expect(addBusinessHours(at('2027-03-05T15:00:00+01:00'), 2)).toEqual(at('2027-03-09T09:00:00+01:00'));
  });

  it('keeps wall-clock hours across the change to summer time', () => {
    // Friday 26 March 2027 is Good Friday, Monday 29 Easter Monday; summer time starts on the 28th.
    expect(addBusinessHours(at('2027-03-25T12:00:00+01:00'), 8)).toEqual(at('2027-03-30T12:00:00+02:00'));
  });

  it('gives each priority its response target', () => {
    const created = at('2026-12-01T08:00:00+01:00');
    expect(computeDueDate('dringend', created)).toEqual(at('2026-12-01T12:00:00+01:00'));
    expect(computeDueDate('normal', created)).toEqual(at('2026-12-02T16:00:00+01:00'));
    expect(computeDueDate('niedrig', created)).toEqual(at('2026-12-07T16:00:00+01:00'));
  });
});
