import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAdvisor } from '../../tickets/add-advisor.ts';
import { hasChromium, saveScreenshot, type PageGlobals } from './browser.ts';
import { chat, ingestMailTicket, openFreshPage, seriousProblems, setUpWorkspace, signedInPage, tearDownWorkspace, waitForHeading, workspace } from './workspace-fixture.ts';

// Skipped, with a notice from browser.ts, only where Debian's chromium is not installed.
describe.skipIf(!hasChromium)('advisor workspace administration in the browser', () => {
  beforeAll(setUpWorkspace, 60_000);
  afterAll(tearDownWorkspace);

  it('lets an admin add an advisor (token shown once) and deactivate them', async () => {
    const { page } = await signedInPage();
    await page.goto(`${workspace.baseUrl}/advisor/admin`);
    await waitForHeading(page, 'Verwaltung');
    await page.getByLabel('Name').fill('Bernd Berater');
    await page.getByLabel('E-Mail-Adresse').fill('bernd@ego-mv.example');
    await page.getByRole('button', { name: 'Hinzufügen' }).click();
    const tokenField = page.getByLabel('Zugangstoken', { exact: true });
    await tokenField.waitFor();
    const newToken = await tokenField.inputValue();
    expect(newToken).toMatch(/^sit_/);
    const me = await fetch(`${workspace.baseUrl}/api/advisor/me`, { headers: { authorization: `Bearer ${newToken}` } });
    expect(((await me.json()) as { advisor: { name: string; role: string } }).advisor).toMatchObject({ name: 'Bernd Berater', role: 'advisor' });
    await saveScreenshot(page, 'admin-advisors');

    const row = page.getByRole('row', { name: /Bernd Berater/ });
    // Topics read as the categories elsewhere, not as codes.
    await addAdvisor({ prisma: workspace.service.database.prisma, name: 'Rita ROP', email: 'rita@ego-mv.example', topics: ['rop_aenderung', 'beratung'], regions: ['Vorpommern-Greifswald'] });
    await page.reload();
    await page.getByRole('row', { name: /Rita ROP/ }).getByText('Änderung am Roll-Out-Plan, Beratung, Vorpommern-Greifswald').waitFor();
    await row.getByRole('button', { name: 'Deaktivieren' }).click();
    await row.getByText('deaktiviert').waitFor();
    expect((await fetch(`${workspace.baseUrl}/api/advisor/me`, { headers: { authorization: `Bearer ${newToken}` } })).status).toBe(401);
  });

  it('lets an admin write a canned reply that an advisor inserts, rendered, into a reply', async () => {
    const created = await chat('Unser SDM-Konto ist gesperrt, bitte entsperren.', 'baustein@amt-beispiel.de');
    const number = created.ticket!.number;
    const { page } = await signedInPage();
    await page.goto(`${workspace.baseUrl}/advisor/admin`);
    await page.getByRole('tab', { name: 'Textbausteine' }).click();
    await page.getByRole('textbox', { name: /^Titel/ }).fill('Eingangsbestätigung');
    await page.getByRole('textbox', { name: /^Text\b/ }).fill('Guten Tag,\nIhr Vorgang {{ticket}} ist bei uns eingegangen.');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('article', { name: 'Eingangsbestätigung' }).waitFor();
    await saveScreenshot(page, 'admin-canned-replies');

    await page.goto(`${workspace.baseUrl}/advisor/tickets/${number}`);
    await page.getByLabel('Textbaustein').selectOption({ label: 'Eingangsbestätigung' });
    await page.getByRole('button', { name: 'Einfügen' }).click();
    const reply = page.getByLabel('Antwort an die anfragende Person');
    await expect.poll(() => reply.inputValue()).toContain(`Ihr Vorgang ${number} ist bei uns eingegangen.`);
  });

  it('lists knowledge documents with versions and ingests an uploaded Markdown file', async () => {
    const { page } = await signedInPage();
    await page.goto(`${workspace.baseUrl}/advisor/admin`);
    await page.getByRole('tab', { name: 'Wissensbasis' }).click();
    const table = page.getByRole('table', { name: 'Dokumente der Wissensbasis' });
    await table.waitFor();
    expect(await table.getByText(/Version 1/).count()).toBeGreaterThan(0);
    const markdown = '---\nid: testdokument-web\ntitle: Testdokument Turnhallenbeleuchtung\nversion: 1\n---\n\n# Turnhallenbeleuchtung\n\nDie Beleuchtung von Turnhallen ist nicht förderfähig.\n\nQuellen: https://example.org/test\n';
    // The file picker speaks German (the browser's own control would say "Choose File").
    await page.getByText('Keine Datei ausgewählt').waitFor();
    await page.getByLabel(/Datei \(/).setInputFiles({ name: 'testdokument-web.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown) });
    await page.getByText('testdokument-web.md', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Datei auswählen …' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Hochladen und einlesen' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 }).toContain('testdokument-web');
    await table.getByText('Testdokument Turnhallenbeleuchtung').waitFor();
    await saveScreenshot(page, 'admin-knowledge');
  });

  it('merges a ticket into another one; the merged ticket is closed and points to the target', async () => {
    const source = (await chat('Unser SDM-Login geht nicht, bitte helfen Sie.', 'doppelt@amt-beispiel.de')).ticket!.number;
    const target = (await chat('Der SDM-Zugang ist weiterhin gesperrt, bitte prüfen.', 'doppelt@amt-beispiel.de')).ticket!.number;
    const watched = await signedInPage();
    const { page } = watched;
    await page.goto(`${workspace.baseUrl}/advisor/tickets/${source}`);
    await waitForHeading(page, new RegExp(source));
    await page.getByLabel('In Vorgang (Nummer)').fill(target.toLowerCase());
    await page.getByRole('button', { name: 'Zusammenführen …' }).click();
    await page.getByRole('button', { name: 'Ja, zusammenführen' }).click();
    await waitForHeading(page, new RegExp(target));
    expect(page.url()).toBe(`${workspace.baseUrl}/advisor/tickets/${target}`);
    expect((await workspace.service.database.prisma.ticket.findUniqueOrThrow({ where: { number: source } })).status).toBe('geschlossen');
    await page.getByText('Enthält zusammengeführte Vorgänge').waitFor();
    await saveScreenshot(page, 'ticket-merged');
    expect(seriousProblems(watched)).toEqual([]);
  });

  it('finds a person, hands out their data as a ZIP, keeps a ticket on hold and erases the rest', async () => {
    const email = 'loeschen@amt-beispiel.de';
    await ingestMailTicket({ from: email, subject: 'Frage zum Mittelabruf', body: 'Wie rufen wir die Mittel ab? Rückruf unter 0385 5551234.' });
    const kept = (await chat('Unser SDM-Zugang ist gesperrt, bitte entsperren.', email)).ticket!.number;
    const { page } = await signedInPage();
    await page.goto(`${workspace.baseUrl}/advisor/admin`);
    await page.getByRole('tab', { name: 'Datenschutz' }).click();
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByRole('button', { name: 'Daten suchen' }).click();
    const table = page.getByRole('table', { name: 'Vorgänge der Person' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(3);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Auskunft als ZIP herunterladen' }).click()]);
    expect(download.suggestedFilename()).toBe('auskunft.zip');
    const zipPath = await download.path();
    const { default: JSZip } = await import('jszip');
    const { readFile } = await import('node:fs/promises');
    const zip = await JSZip.loadAsync(await readFile(zipPath));
    expect(await zip.file('auskunft.json')!.async('string')).toContain('0385 5551234');

    await table.getByRole('row', { name: new RegExp(kept) }).getByRole('button', { name: 'Anordnen' }).click();
    await table.getByRole('row', { name: new RegExp(`${kept}.*angeordnet`) }).waitFor();
    const erase = page.getByRole('button', { name: 'Endgültig löschen' });
    expect(await erase.isDisabled()).toBe(true);
    await page.getByRole('checkbox').check();
    await erase.click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`Wegen angeordneter Aufbewahrung erhalten: ${kept}`);
    await saveScreenshot(page, 'admin-privacy');

    const held = await workspace.service.database.prisma.ticket.findUniqueOrThrow({ where: { number: kept } });
    expect(held).toMatchObject({ legalHold: true, requesterEmail: email });
    expect(await workspace.service.database.prisma.ticket.count({ where: { requesterEmail: email, legalHold: false } })).toBe(0);
    expect(await workspace.service.database.prisma.message.count({ where: { text: { contains: '0385 5551234' } } })).toBe(0);
  });

  it('hides the administration from advisors without the admin role', async () => {
    const plain = await addAdvisor({ prisma: workspace.service.database.prisma, name: 'Anna Beraterin', email: 'anna@ego-mv.example' });
    const watched = await openFreshPage({ token: plain.token });
    await watched.page.goto(`${workspace.baseUrl}/advisor`);
    await waitForHeading(watched.page, 'Vorgänge');
    expect(await watched.page.getByRole('tab', { name: 'Beratungen' }).count()).toBe(1);
    expect(await watched.page.getByRole('tab', { name: 'Verwaltung' }).count()).toBe(0);

    // A token that stops working mid-session (advisor deactivated) leads back to the sign-in.
    await workspace.service.database.prisma.advisor.update({ where: { id: plain.advisor.id }, data: { isActive: false } });
    await watched.page.getByRole('tab', { name: 'Beratungen' }).click();
    await waitForHeading(watched.page, 'Anmeldung zum Arbeitsbereich');
    expect(await watched.page.getByRole('alert').textContent()).toContain('Bitte melden Sie sich erneut an.');
    expect(await watched.page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.getItem('schulit.advisorToken'))).toBeNull();
  });
});
