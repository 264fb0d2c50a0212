import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, saveScreenshot } from './browser.ts';
import { api, chat, seriousProblems, setUpWorkspace, signedInPage, tearDownWorkspace, waitForHeading, workspace } from './workspace-fixture.ts';

describe.skipIf(!hasChromium)('team figures in the browser', () => {
  beforeAll(setUpWorkspace, 60_000);
  afterAll(tearDownWorkspace);

  it('shows charts of this week’s tickets and answers and downloads the same numbers as CSV', async () => {
    const opened = await chat('Unser SDM-Zugang ist gesperrt, bitte prüfen Sie das.', 'kennzahl@amt-beispiel.de');
    await chat('Wer stellt den Antrag beim LFI?', 'frage@amt-beispiel.de');
    await chat('Wie wird das Wetter morgen in Rostock?', 'wetter@amt-beispiel.de');
    expect((await api(`/tickets/${opened.ticket!.number}/reply`, { method: 'POST', body: { text: 'Wir haben den Zugang entsperrt.' } })).status).toBe(201);
    const figures = (await api('/figures?weeks=4')).body as { weeks: { tickets: number; answered: number; refusals: number; firstResponse: { count: number } }[] };
    const thisWeek = figures.weeks.at(-1)!;
    expect(thisWeek).toMatchObject({ tickets: 1, answered: 1, refusals: 1, firstResponse: { count: 1 } });

    const watched = await signedInPage();
    const { page } = watched;
    await page.goto(`${workspace.baseUrl}/advisor`);
    await waitForHeading(page, 'Vorgänge');
    await page.getByRole('tab', { name: 'Kennzahlen' }).click();
    await waitForHeading(page, 'Kennzahlen');
    expect(page.url()).toMatch(/\/advisor\/figures$/);
    for (const title of ['Vorgänge je Woche und Kategorie', 'Beantwortet oder an das Team', 'Ohne Antwort und abgelehnt', 'Antwort- und Lösungszeit', 'Erste Antwort in der Frist', 'Beratungstermine je Monat']) {
      const card = page.getByRole('region', { name: title, exact: true });
      await card.waitFor();
      // Drawn: an SVG chart with bars or a line, not an empty frame.
      await expect.poll(() => card.locator('svg rect, svg path').count()).toBeGreaterThan(0);
    }
    await page.getByText('Vom Assistenten beantwortet').first().waitFor();
    // What screen readers announce is German too (the chart library's own labels are English).
    const labels = await page.locator('[aria-label]').evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
    expect(labels.filter((label) => /\b(chart|axis|displays|bars|more|Graph)\b/i.test(label))).toEqual([]);
    expect(labels).toContain('Diagramm Vorgänge je Woche und Kategorie. Waagerechte Achse: Kalenderwoche. Senkrechte Achse: Anzahl.');
    await saveScreenshot(page, 'figures');

    await page.getByLabel('Zeitraum').selectOption('4');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Als CSV herunterladen' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^kennzahlen-\d{4}-\d{2}-\d{2}-bis-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const rows = parse(csv.replace(/^\uFEFF/, ''), { delimiter: ';', columns: true }) as { Zeitraum: string; Kennzahl: string; Wert: string }[];
    const lastWeek = rows.filter((row) => row.Kennzahl === 'Vorgänge').at(-1)!;
    expect(lastWeek.Wert).toBe(String(thisWeek.tickets));
    expect(rows.filter((row) => row.Kennzahl === 'Vorgänge')).toHaveLength(4);
    expect(rows.find((row) => row.Zeitraum === lastWeek.Zeitraum && row.Kennzahl === 'Fragen als themenfremd abgelehnt')?.Wert).toBe('1');
    expect(seriousProblems(watched)).toEqual([]);
  }, 60_000);
});
