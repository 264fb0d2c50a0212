import { describe, expect, it } from 'vitest';
import { extractParticipants, extractRopChange, extractTimeWindows } from '../../handlers/extract-slots.ts';

// Friday, 4 December 2026, in Berlin.
const now = new Date('2026-12-04T10:00:00+01:00');
const noMasterData = { schools: [], dienststellennummern: [], years: [] } as unknown as Parameters<typeof extractRopChange>[1];

describe('time windows people write, resolved to dates in Europe/Berlin', () => {
  it.each([
    ['nächste Woche Dienstag vormittags', 'nächste Woche Dienstag vormittags (Di., 08.12.2026, 08:00–12:00 Uhr)'],
    ['am 15.12. um 10 Uhr', 'am 15.12. um 10 Uhr (Di., 15.12.2026, 10:00–11:00 Uhr)'],
    ['ab dem 10.', 'ab dem 10. (10.12.–23.12.2026)'],
    ['in der KW 3', 'KW 3 (18.01.–22.01.2027)'],
    ['übernächste Woche', 'übernächste Woche (14.12.–18.12.2026)'],
    ['am 3.1. nachmittags', 'am 3.1. (So., 03.01.2027)'],
  ])('%s', (text, expected) => {
    expect(extractTimeWindows(text, now)).toContain(expected);
  });

  it('gives a shared part of the day to both days and keeps the words', () => {
    expect(extractTimeWindows('Am besten Dienstag oder Mittwoch vormittag, ginge das?', now)).toEqual([
      'Dienstag vormittag (Di., 08.12.2026, 08:00–12:00 Uhr)',
      'Mittwoch vormittag (Mi., 09.12.2026, 08:00–12:00 Uhr)',
    ]);
  });

  it('states no date where the words name no day', () => {
    expect(extractTimeWindows('gern vormittags', now)).toEqual(['vormittags']);
  });
});

describe('participants', () => {
  it('keeps a role with its name, the requester and an organisation as separate people', () => {
    expect(extractParticipants('Dabei wären ich, unser Schulleiter Herr Krüger und jemand von MV Systems')).toEqual(['die anfragende Person', 'Schulleiter Herr Krüger', 'jemand von MV Systems']);
    expect(extractParticipants('Unser Schulleiter Herr Krüger kommt mit, dazu die Kämmerin.')).toEqual(['Schulleiter Herr Krüger', 'Kämmerin']);
  });
});

describe('funding years of a ROP change', () => {
  it('reads the year the plan names now apart from the year asked for', () => {
    expect(extractRopChange('Die Grundschule steht bei 2022 drin, wir möchten sie auf 2024 verschieben.', noMasterData)).toMatchObject({ currentYear: 2022, requestedYear: 2024 });
    expect(extractRopChange('die steht bei 2022 drin', noMasterData)).toMatchObject({ currentYear: 2022, requestedYear: undefined });
  });
});
