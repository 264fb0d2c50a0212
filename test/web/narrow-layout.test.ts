import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBooking } from '../../tickets/create-booking.ts';
import { createRequestTicket } from '../helpers/factories.ts';
import { hasChromium, saveScreenshot } from './browser.ts';
import { seriousProblems, setUpWorkspace, signedInPage, tearDownWorkspace, waitForHeading, workspace } from './workspace-fixture.ts';

/**
 * What is wrong with the layout, by element bounds (not pixels): the page wider than the window,
 * an element reaching past the right edge outside any scrolling or clipping container, cells of one
 * row lying on top of each other, and text spilling out of its cell into the next.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const browser = globalThis as unknown as {
      innerWidth: number;
      document: { documentElement: { scrollWidth: number }; body: unknown; querySelectorAll(selector: string): Iterable<LayoutElement> };
      getComputedStyle(element: LayoutElement): { overflowX: string; visibility: string; display: string };
    };
    interface LayoutElement {
      tagName: string;
      className: unknown;
      textContent: string | null;
      parentElement: LayoutElement | null;
      children: Iterable<LayoutElement>;
      scrollWidth: number;
      clientWidth: number;
      getBoundingClientRect(): { left: number; right: number; top: number; bottom: number; width: number; height: number };
    }
    const width = browser.innerWidth;
    const describe = (element: LayoutElement) => `${element.tagName.toLowerCase()} „${(element.textContent ?? '').trim().slice(0, 40)}“`;
    const problems: string[] = [];
    if (browser.document.documentElement.scrollWidth > width + 1) problems.push(`Seite ${browser.document.documentElement.scrollWidth} px breit bei ${width} px Fenster`);
    const isContained = (element: LayoutElement) => {
      for (let parent = element.parentElement; parent && parent !== browser.document.body; parent = parent.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(browser.getComputedStyle(parent).overflowX)) return true;
      }
      return false;
    };
    for (const element of browser.document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || browser.getComputedStyle(element).visibility === 'hidden') continue;
      if (box.right > width + 1 && !isContained(element)) problems.push(`${describe(element)} reicht bis ${Math.round(box.right)} px`);
    }
    for (const row of browser.document.querySelectorAll('tbody tr')) {
      const cells = [...row.children].map((cell) => ({ cell, box: cell.getBoundingClientRect() }));
      for (let first = 0; first < cells.length; first += 1) {
        for (let second = first + 1; second < cells.length; second += 1) {
          const a = cells[first]!.box;
          const b = cells[second]!.box;
          const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
          if (overlap) problems.push(`${describe(cells[first]!.cell)} überdeckt ${describe(cells[second]!.cell)}`);
        }
      }
    }
    for (const cell of browser.document.querySelectorAll('td, th')) {
      if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`${describe(cell)} läuft aus der Zelle (${cell.scrollWidth} > ${cell.clientWidth} px)`);
    }
    return problems;
  });
}

const pages: { name: string; path: string; heading: string | RegExp; ready?: (page: Page) => Promise<void> }[] = [
  { name: 'queue', path: '/advisor', heading: 'Vorgänge', ready: (page) => page.locator('[data-ticket]').first().waitFor() },
  { name: 'ticket', path: '', heading: /SIT-/ },
  { name: 'bookings', path: '/advisor/bookings', heading: 'Beratungen', ready: (page) => page.locator('[data-booking]').first().waitFor() },
  { name: 'figures', path: '/advisor/figures', heading: 'Kennzahlen', ready: (page) => page.locator('svg').first().waitFor() },
  { name: 'gaps', path: '/advisor/gaps', heading: 'Wissenslücken' },
  { name: 'admin', path: '/advisor/admin', heading: 'Verwaltung', ready: (page) => page.getByRole('table').first().waitFor() },
  ...['Textbausteine', 'Wissensbasis', 'Datenschutz'].map((tab) => ({
    name: `admin-${tab.toLowerCase()}`,
    path: '/advisor/admin',
    heading: 'Verwaltung',
    ready: async (page: Page) => {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(500);
    },
  })),
];

describe.skipIf(!hasChromium)('the workspace where advisors are: 1366 px and a 420 px Teams side panel', () => {
  let ticketNumber: string;
  beforeAll(async () => {
    await setUpWorkspace();
    const prisma = workspace.service.database.prisma;
    const board = await prisma.schoolBoard.create({ data: { name: 'Landkreis Vorpommern-Greifswald, Eigenbetrieb Schulverwaltung', kind: 'landkreis' } });
    for (const subject of ['Medienentwicklungsplanfortschreibung der Regionalen Schulen und Grundschulen', 'WLAN', 'Rückfrage zum Verwendungsnachweis (Mittelabruf 2026, Tranche 3)']) {
      const ticket = await createRequestTicket(prisma, { subject, schoolBoardId: board.id, requester: { name: 'Dr. Annegret Musterfrau-Beispielsdorf', email: 'annegret.musterfrau-beispielsdorf@vorpommern-greifswald.example' } });
      ticketNumber = ticket.number;
    }
    await createBooking({
      prisma,
      channel: 'email',
      requester: { name: 'Dr. Annegret Musterfrau-Beispielsdorf', email: 'annegret.musterfrau-beispielsdorf@vorpommern-greifswald.example' },
      topic: 'Medienentwicklungsplan und Roll-Out-Plan der beruflichen Schulen',
      mode: 'video',
      preferredWindows: ['nächste Woche Dienstag vormittags (Di., 08.12.2026, 08:00–12:00 Uhr)', 'Mittwoch nachmittags (Mi., 09.12.2026, 13:00–17:00 Uhr)'],
      participants: ['Schulleiter Herr Krüger', 'jemand von MV Systems'],
      schoolBoardId: board.id,
      text: 'Wir bitten um einen Beratungstermin.',
    });
  }, 90_000);
  afterAll(tearDownWorkspace);

  for (const width of [1366, 420]) {
    for (const theme of width === 420 ? ['default', 'dark', 'contrast'] : ['default']) {
      it(`shows every page without overflow at ${width} px (${theme})`, async () => {
        const watched = await signedInPage({ width });
        const { page } = watched;
        for (const entry of pages) {
          const path = entry.name === 'ticket' ? `/advisor/tickets/${ticketNumber}` : entry.path;
          await page.goto(`${workspace.baseUrl}${path}?theme=${theme}`);
          await waitForHeading(page, entry.heading);
          await entry.ready?.(page);
          // Charts size themselves to their card after the first paint.
          await page.waitForTimeout(300);
          const problems = await layoutProblems(page);
          await saveScreenshot(page, `layout-${entry.name}-${width}-${theme}`);
          expect(problems, `${entry.name} at ${width} px`).toEqual([]);
        }
        expect(seriousProblems(watched)).toEqual([]);
      }, 90_000);
    }
  }

  it('shows each queue row as a card with its column names at 420 px', async () => {
    const { page } = await signedInPage({ width: 420 });
    await page.goto(`${workspace.baseUrl}/advisor`);
    await waitForHeading(page, 'Vorgänge');
    const row = page.locator('[data-ticket]').first();
    await row.waitFor();
    const cells = await row.locator('td').evaluateAll((elements) => elements.map((element) => ({ label: element.getAttribute('data-label'), box: element.getBoundingClientRect().toJSON() as { top: number; left: number } })));
    expect(cells.map((cell) => cell.label)).toEqual(['Nummer', 'Betreff', 'Status', 'Kategorie', 'Priorität', 'Anfragende Person', 'Zugewiesen', 'Fällig']);
    // Stacked: each cell below the previous one, all starting at the card's left edge.
    for (let index = 1; index < cells.length; index += 1) expect(cells[index]!.box.top).toBeGreaterThan(cells[index - 1]!.box.top);
    expect(new Set(cells.map((cell) => Math.round(cell.box.left))).size).toBe(1);
  });
});
