import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayKeyOf, mondayOf, preferredDaysOf } from '../../advisor/web/src/bookings/calendar-days.ts';
import { extractTimeWindows } from '../../handlers/extract-slots.ts';
import { createBooking } from '../../tickets/create-booking.ts';
import { createRequestTicket } from '../helpers/factories.ts';
import { hasChromium, saveScreenshot, type PageGlobals } from './browser.ts';
import { api, chat, ingestMailTicket, openFreshPage, seriousProblems, setUpWorkspace, signedInPage, tearDownWorkspace, waitForHeading, workspace } from './workspace-fixture.ts';

describe.skipIf(!hasChromium)('advisor workspace in the browser', () => {
  beforeAll(setUpWorkspace, 60_000);
  afterAll(tearDownWorkspace);

  it('refuses a wrong token with a German message and signs in with the right one', async () => {
    const watched = await openFreshPage();
    const { page } = watched;
    await page.goto(`${workspace.baseUrl}/advisor`);
    await waitForHeading(page, 'Anmeldung zum Arbeitsbereich');
    await page.getByLabel('Zugangstoken').fill('sit_falsch');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('ungültig');
    await saveScreenshot(page, 'sign-in-wrong-token');

    await page.getByLabel('Zugangstoken').fill(workspace.token);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await waitForHeading(page, 'Vorgänge');
    await expect.poll(() => page.getByText('Angemeldet als').textContent()).toContain('Franka Beraterin');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.getItem('schulit.advisorToken'))).toBe(workspace.token);
    expect(seriousProblems(watched)).toEqual([]);
  });

  it('shows a chat ticket in the queue, opens it and claims it', async () => {
    const created = await chat('Unser SDM-Zugang ist gesperrt, bitte prüfen Sie das.', 'gesperrt@amt-beispiel.de');
    const number = created.ticket!.number;
    const watched = await signedInPage();
    const { page } = watched;
    await page.goto(`${workspace.baseUrl}/advisor`);
    const row = page.locator(`tr[data-ticket="${number}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('SDM');
    expect(await row.textContent()).toContain('Neu');
    await page.getByLabel('Kategorie').selectOption('sdm');
    // New tickets go to the active advisor with the fewest open ones: here the only one.
    await page.getByLabel('Zugewiesen an').selectOption('me');
    await page.getByRole('searchbox').fill('gesperrt');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await expect.poll(() => page.locator('tr[data-ticket]').count()).toBe(1);
    await saveScreenshot(page, 'queue');

    await row.getByRole('link', { name: number }).click();
    await waitForHeading(page, new RegExp(number));
    expect(page.url()).toBe(`${workspace.baseUrl}/advisor/tickets/${number}`);
    await page.locator('li[data-direction="in"]', { hasText: 'Unser SDM-Zugang ist gesperrt' }).waitFor();
    await page.getByRole('button', { name: 'Übernehmen' }).click();
    await page.getByRole('button', { name: 'Von Ihnen übernommen' }).waitFor();
    const claimed = await workspace.service.database.prisma.ticket.findUniqueOrThrow({ where: { number } });
    expect(claimed).toMatchObject({ assigneeId: workspace.advisorId, status: 'in_bearbeitung' });
    // The history says who took the case, and the assistant's own steps in German.
    const events = page.getByRole('region', { name: 'Ereignisse' });
    await expect.poll(() => events.textContent()).toContain('Übernommen · Franka Beraterin');
    expect(await events.textContent()).not.toMatch(/unassigned|System|Beraterin\/Berater/);
    await saveScreenshot(page, 'ticket-claimed');
    expect(seriousProblems(watched)).toEqual([]);
  });

  it('replies to a mail ticket through a deep link; the requester gets the mail with the ticket number', async () => {
    const ticket = await ingestMailTicket({ from: 'antwort@amt-beispiel.de', subject: 'Frage zum Verwendungsnachweis', body: 'Guten Tag,\nbis wann müssen wir den Verwendungsnachweis einreichen?\n\nGesa Amt' });
    const watched = await signedInPage();
    const { page } = watched;
    await page.goto(`${workspace.baseUrl}/advisor/tickets/${ticket.number}`);
    await waitForHeading(page, `${ticket.number}: Frage zum Verwendungsnachweis`);
    const replyText = 'Sehr geehrte Frau Amt,\nden Verwendungsnachweis reichen Sie bitte bis zum 30. Juni ein.';
    await page.getByLabel('Antwort an die anfragende Person').fill(replyText);
    await page.getByRole('button', { name: 'Antwort senden' }).click();
    await page.getByText('Die Antwort wurde gespeichert').waitFor();
    await page.getByLabel('Notiz (nur für das Sachgebiet sichtbar)').fill('Frist mit dem LFI abgestimmt.');
    await page.getByRole('button', { name: 'Notiz speichern' }).click();
    const note = page.locator('li[data-internal="true"]');
    await note.waitFor();
    expect(await note.textContent()).toContain('Interne Notiz');
    expect(await page.locator('li[data-direction="out"]:not([data-internal])', { hasText: '30. Juni' }).count()).toBe(1);
    await saveScreenshot(page, 'ticket-reply-and-note');

    await workspace.service.deliverOutboxNow();
    const reply = workspace.sink.received.find((entry) => entry.to.includes('antwort@amt-beispiel.de') && entry.mail.text?.includes('30. Juni'));
    expect(reply?.mail.subject).toContain(`[${ticket.number}]`);
    expect(reply?.mail.headers.get('auto-submitted')).toBeUndefined();
    expect(seriousProblems(watched)).toEqual([]);
  });

  it('shows the German message of a refused status change (409)', async () => {
    const created = await chat('Unser SDM-Zugang funktioniert nicht mehr, bitte prüfen Sie das.', 'konflikt@amt-beispiel.de');
    const number = created.ticket!.number;
    expect((await api(`/tickets/${number}`, { method: 'PATCH', body: { status: 'geschlossen' } })).status).toBe(200);
    const refused = await api(`/tickets/${number}`, { method: 'PATCH', body: { status: 'in_bearbeitung' } });
    const serverMessage = (refused.body?.error as { message: string }).message;
    const { page } = await signedInPage();
    await page.goto(`${workspace.baseUrl}/advisor/tickets/${number}`);
    await waitForHeading(page, new RegExp(number));
    await page.getByLabel('Status').selectOption('in_bearbeitung');
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe(serverMessage);
  });

  it('confirms a booking through the dialog; the requester gets an iCalendar REQUEST', async () => {
    const { booking, ticket } = await createBooking({ prisma: workspace.service.database.prisma, channel: 'email', requester: { email: 'termin@amt-beispiel.de', name: 'Gesa Amt' }, topic: 'Förderantrag', mode: 'telefon', preferredWindows: ['Mittwoch nachmittags'], participants: [], text: 'Wir möchten eine Beratung zum Förderantrag.' });
    const watched = await signedInPage();
    const { page } = watched;
    await page.goto(`${workspace.baseUrl}/advisor/bookings`);
    await waitForHeading(page, 'Beratungen');
    await page.getByLabel('Status').selectOption('angefragt');
    const row = page.locator(`tr[data-booking="${booking.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(ticket.number);
    await row.getByRole('button', { name: 'Bestätigen …' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Datum').fill('2027-01-13');
    await dialog.getByLabel('Beginn').fill('14:00');
    await dialog.getByLabel('Ende').fill('13:00');
    await dialog.getByRole('button', { name: /Bestätigen und Einladung senden/ }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Ende muss nach dem Beginn');
    await dialog.getByLabel('Ende').fill('15:00');
    await dialog.getByLabel('Video').check();
    await dialog.getByLabel('Link zur Videokonferenz').fill('http://unsicher.example/raum');
    await dialog.getByRole('button', { name: /Bestätigen und Einladung senden/ }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('https://');
    const meetingUrl = 'https://meet.ego-mv.example/b/schulit-4711';
    await dialog.getByLabel('Link zur Videokonferenz').fill(meetingUrl);
    await saveScreenshot(page, 'booking-confirm-dialog');
    await dialog.getByRole('button', { name: /Bestätigen und Einladung senden/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`Termin bestätigt: ${ticket.number}`);

    await page.getByLabel('Status').selectOption('bestaetigt');
    await expect.poll(() => row.textContent()).toContain('Bestätigt');
    const stored = await workspace.service.database.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(stored).toMatchObject({ status: 'bestaetigt', mode: 'video', meetingUrl, advisorId: workspace.advisorId, startsAt: new Date('2027-01-13T13:00:00Z'), endsAt: new Date('2027-01-13T14:00:00Z') });
    await saveScreenshot(page, 'bookings-confirmed');

    await workspace.service.deliverOutboxNow();
    const invitation = workspace.sink.received.find((entry) => entry.to.includes('termin@amt-beispiel.de') && entry.raw.includes('BEGIN:VCALENDAR'));
    expect(invitation?.raw).toMatch(/Content-Type: text\/calendar[^\r\n]*method=REQUEST/i);
    expect(invitation?.raw).toContain('METHOD:REQUEST');
    expect(invitation?.raw).toContain(`UID:${booking.calendarUid}`);
    // The link is where calendar clients and people look: LOCATION, URL and the mail text.
    const unfolded = invitation!.raw.replace(/\r?\n[ \t]/g, '');
    expect(unfolded).toContain(`LOCATION:${meetingUrl}`);
    expect(unfolded).toMatch(new RegExp(`URL[^:\r\n]*:${meetingUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    const body = invitation!.mail.text ?? '';
    expect(body).toContain(`Link zur Videokonferenz: ${meetingUrl}`);
    expect(body).toContain('Wann: Mittwoch, 13. Januar 2027');
    expect(body).toContain(`Vorgang: ${ticket.number}`);
    expect(body).toContain('Form: Video');

    await row.getByRole('button', { name: 'Verschieben …' }).click();
    await dialog.getByLabel('Beginn').fill('10:00');
    await dialog.getByLabel('Ende').fill('11:00');
    await dialog.getByRole('button', { name: /Verschieben und Einladung senden/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await workspace.service.database.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).sequence).toBe(2);
    await row.getByRole('button', { name: 'Absagen …' }).click();
    await row.getByRole('button', { name: 'Ja, absagen' }).click();
    // The list refreshes after the server answers; until then the row still shows the old status.
    await expect.poll(async () => (await workspace.service.database.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe('abgesagt');
    await page.getByLabel('Status').selectOption('abgesagt');
    await expect.poll(() => row.textContent()).toContain('Abgesagt');
    await workspace.service.deliverOutboxNow();
    expect(workspace.sink.received.some((entry) => entry.to.includes('termin@amt-beispiel.de') && entry.raw.includes('METHOD:CANCEL'))).toBe(true);
    expect(seriousProblems(watched)).toEqual([]);
  });

  it('shows the week’s consultations on an agenda: set times, wishes on the days they name, school board and participants', async () => {
    const prisma = workspace.service.database.prisma;
    const board = await prisma.schoolBoard.create({ data: { name: 'Amt Agenda-Beispiel', kind: 'amt' } });
    // Written on this week's Monday: the wished Tuesday and Wednesday are this week's, whatever today is.
    const windows = extractTimeWindows('Am besten Dienstag oder Mittwoch vormittag, ginge das?', new Date(`${mondayOf(dayKeyOf(new Date()))}T10:00:00+01:00`));
    const wished = await createBooking({ prisma, channel: 'api', requester: { email: 'wunsch@amt-beispiel.de', name: 'Gesa Amt' }, topic: 'Roll-Out-Plan', mode: 'video', preferredWindows: windows, participants: ['Schulleiter Herr Krüger', 'jemand von MV Systems'], schoolBoardId: board.id, text: 'Beratung zum ROP' });
    const tuesday = preferredDaysOf(windows[0]!)!.from;
    const confirmed = await createBooking({ prisma, channel: 'api', requester: { email: 'fest@amt-beispiel.de', name: 'Ulf Amt' }, topic: 'MEP-Fortschreibung', mode: 'telefon', preferredWindows: [], participants: [], schoolBoardId: board.id, text: 'Beratung zum MEP' });
    // Thursday of the same week, 09:00–10:00 Berlin (UTC+1 in winter, UTC+2 in summer).
    const thursday = addDays(mondayOf(tuesday), 3);
    const startsAt = new Date(`${thursday}T09:00:00+01:00`);
    await prisma.booking.update({ where: { id: confirmed.booking.id }, data: { status: 'bestaetigt', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), advisorId: workspace.advisorId } });

    const watched = await signedInPage();
    const { page } = watched;
    await page.goto(`${workspace.baseUrl}/advisor/bookings`);
    await waitForHeading(page, 'Beratungen');
    const weeksAhead = Math.round((Date.parse(mondayOf(tuesday)) - Date.parse(mondayOf(dayKeyOf(new Date())))) / (7 * 86_400_000));
    for (let week = 0; week < weeksAhead; week += 1) await page.getByRole('button', { name: 'Nächste Woche' }).click();
    const wish = page.locator(`[data-day="${tuesday}"] [data-agenda-booking="${wished.booking.id}"]`);
    await wish.waitFor();
    expect(await wish.textContent()).toMatch(/Wunsch: 08:00–12:00 · Angefragt.*Roll-Out-Plan.*Amt Agenda-Beispiel · Videokonferenz/);
    await page.locator(`[data-day="${addDays(tuesday, 1)}"] [data-agenda-booking="${wished.booking.id}"]`).waitFor();
    const fixed = page.locator(`[data-day="${thursday}"] [data-agenda-booking="${confirmed.booking.id}"]`);
    expect(await fixed.textContent()).toMatch(/09:00–10:00 Uhr · Bestätigt.*MEP-Fortschreibung.*Amt Agenda-Beispiel · Telefon · Franka Beraterin/);
    const row = page.locator(`tr[data-booking="${wished.booking.id}"]`);
    expect(await row.textContent()).toContain('Amt Agenda-Beispiel');
    expect(await row.textContent()).toContain('mit Schulleiter Herr Krüger, jemand von MV Systems');
    await saveScreenshot(page, 'bookings-agenda');
    await page.getByRole('button', { name: 'Vorige Woche' }).click();
    await expect.poll(() => page.locator(`[data-agenda-booking="${wished.booking.id}"]`).count()).toBe(0);
    expect(seriousProblems(watched)).toEqual([]);
  });

  it('shows HTML and script in a mail subject and body as literal text and never runs them', async () => {
    const subject = 'WLAN-Störung <img src=x onerror="window.__xss=1">';
    const scriptLine = '<script>window.__xss=2</script>';
    const ticket = await ingestMailTicket({ from: 'xss@amt-beispiel.de', subject, body: `Guten Tag,\nunser WLAN in der Grundschule ist ausgefallen.\n${scriptLine}\n<img src=x onerror="window.__xss=3">\nGesa Amt` });
    expect(ticket.subject).toContain('<img src=x');
    expect(ticket.messages.some((message) => message.text.includes(scriptLine))).toBe(true);

    const watched = await signedInPage();
    const { page } = watched;
    await page.goto(`${workspace.baseUrl}/advisor`);
    const row = page.locator(`tr[data-ticket="${ticket.number}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('<img src=x onerror="window.__xss=1">');

    await page.goto(`${workspace.baseUrl}/advisor/tickets/${ticket.number}`);
    await waitForHeading(page, new RegExp(ticket.number));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('<img src=x onerror="window.__xss=1">');
    const incoming = page.locator('li[data-direction="in"]').first();
    expect(await incoming.textContent()).toContain(scriptLine);
    expect(await incoming.innerText()).toContain('ausgefallen.\n<script>');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('#root script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__xss)).toBeUndefined();
    await saveScreenshot(page, 'ticket-xss-as-text');
    expect(seriousProblems(watched)).toEqual([]);
  });

  it('follows the dark theme from a hint and from the browser preference', async () => {
    const fromHint = await signedInPage();
    await fromHint.page.goto(`${workspace.baseUrl}/advisor/gaps?theme=dark`);
    await waitForHeading(fromHint.page, 'Wissenslücken');
    expect(await fromHint.page.locator('[data-theme]').first().getAttribute('data-theme')).toBe('dark');
    const background = await fromHint.page.locator('[data-theme]').first().evaluate((element) => (globalThis as unknown as PageGlobals).getComputedStyle(element).backgroundColor);
    const [red = 255, green = 255, blue = 255] = (background.match(/\d+/g) ?? []).map(Number);
    expect((red + green + blue) / 3).toBeLessThan(80);
    await saveScreenshot(fromHint.page, 'gaps-dark');

    const fromPreference = await signedInPage({ colorScheme: 'dark' });
    await fromPreference.page.goto(`${workspace.baseUrl}/advisor`);
    await waitForHeading(fromPreference.page, 'Vorgänge');
    expect(await fromPreference.page.locator('[data-theme]').first().getAttribute('data-theme')).toBe('dark');
  });

  it('does not hang on the Teams hint in a normal browser and falls back to the token form', async () => {
    const watched = await openFreshPage();
    const started = Date.now();
    await watched.page.goto(`${workspace.baseUrl}/advisor?inTeams=1`);
    await waitForHeading(watched.page, 'Anmeldung zum Arbeitsbereich');
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('pages through a long queue, sorted as the address says, and keeps the view in the link', async () => {
    const prisma = workspace.service.database.prisma;
    const board = await prisma.schoolBoard.create({ data: { name: 'Amt Seitenweise', kind: 'amt' } });
    for (let index = 0; index < 120; index += 1) await createRequestTicket(prisma, { subject: `Seitenweise Anfrage ${index}`, schoolBoardId: board.id });
    const total = await prisma.ticket.count();
    const { page } = await signedInPage();
    await page.goto(`${workspace.baseUrl}/advisor?sort=activity`);
    await waitForHeading(page, 'Vorgänge');
    await page.getByText(`50 von ${total} Vorgängen angezeigt`).waitFor();
    expect(await page.getByLabel('Sortierung').inputValue()).toBe('activity');
    for (let shown = 100; shown < total + 50; shown += 50) {
      await page.getByRole('button', { name: 'Weitere Vorgänge laden' }).click();
      await page.getByText(`${Math.min(shown, total)} von ${total} Vorgängen angezeigt`).waitFor();
    }
    expect(await page.getByRole('button', { name: 'Weitere Vorgänge laden' }).count()).toBe(0);
    const numbers = await page.locator('[data-ticket]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-ticket')));
    expect(new Set(numbers).size).toBe(total);

    await page.getByRole('button', { name: 'Überfällig' }).click();
    await expect.poll(() => page.url()).toContain('view=overdue');
    expect(page.url()).toContain('sort=activity');
  }, 60_000);

  it('reports knowledge gaps with a bar per topic', async () => {
    const question = 'Welche Förderquote gilt für die Turnhallenbeleuchtung im Antrag?';
    await chat(question, 'luecke@amt-beispiel.de');
    const { page } = await signedInPage();
    await page.goto(`${workspace.baseUrl}/advisor/gaps`);
    await waitForHeading(page, 'Wissenslücken');
    await page.getByRole('figure', { name: 'Unbeantwortete Fragen je Thema' }).waitFor();
    await page.getByText(question).waitFor();
    expect(await page.getByText(/Fragen? ohne verlässliche Antwort/).textContent()).toMatch(/^\d+ Fragen? ohne/);
    await saveScreenshot(page, 'gaps');
  });
});
