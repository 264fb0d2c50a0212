import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError, parseInput } from '../errors.ts';
import type { DocumentsPort } from '../knowledge/manage-documents.ts';
import { ticketSorts, tokenPrefix } from '../tickets/index.ts';
import type { AdvisorOperations as AdvisorPort } from './advisor-operations.ts';
import { renderFiguresCsv } from './figures-csv.ts';
import type { Store } from 'express-rate-limit';
import { createFailedLoginLimiter } from './limit-failed-logins.ts';
import type { PrivacyOperations } from './privacy-operations.ts';
import { looksLikeJwt, type TeamsTokenVerifier } from './verify-teams-token.ts';

import { advisorRoles as roles, bookingModes as modes, bookingStatuses, categories, priorities, ticketStatuses as statuses } from '../vocabulary/index.ts';

type Advisor = NonNullable<Awaited<ReturnType<AdvisorPort['findAdvisorByToken']>>>;

const parse = <T>(schema: z.ZodType<T>, value: unknown): T => parseInput(schema, value, { message: 'Invalid advisor request' });

const ticketListQuery = z.object({
  status: z.enum(statuses).optional(),
  category: z.enum(categories).optional(),
  assignee: z.string().min(1).optional(),
  schoolBoard: z.string().min(1).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  view: z.enum(['overdue']).optional(),
  sort: z.enum(ticketSorts).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** The list shape of a ticket in the advisors' API. */
function ticketView(ticket: Awaited<ReturnType<AdvisorPort['listTickets']>>['tickets'][number]) {
  return {
    number: ticket.number,
    subject: ticket.subject,
    category: ticket.category,
    priority: ticket.priority,
    status: ticket.status,
    channel: ticket.channel,
    requester: { name: ticket.requesterName, email: ticket.requesterEmail },
    assignee: ticket.assignee ? { id: ticket.assignee.id, name: ticket.assignee.name } : null,
    schoolBoard: ticket.schoolBoard?.name ?? null,
    dueAt: ticket.dueAt,
    createdAt: ticket.createdAt,
  };
}

export interface AdvisorRouterOptions {
  advisors: AdvisorPort;
  documents: DocumentsPort;
  /** Access and erasure requests (admins only). */
  privacy?: PrivacyOperations;
  /** Failed sign-ins per client address and token prefix and minute before 429; 0 = no limit. */
  failedLoginsPerMinute?: number;
  /** Where failed sign-ins are counted; the service passes a database store so that every instance counts together. Default: this process's memory. */
  failedLoginStore?: Store;
  /** Present when Teams SSO is configured: turns a tab's Entra ID token into an identity. */
  verifyTeamsToken?: TeamsTokenVerifier;
}

/** Largest knowledge document an admin may upload. */
export const maxDocumentUploadBytes = 10 * 1024 * 1024;

/**
 * The advisors' API under /api/advisor: bearer tokens from `schulit advisor add` or, in the Teams
 * tab, Entra ID SSO tokens. It translates HTTP to the advisor port and back; every change is
 * audited there. Admin routes need the admin role.
 */
export function createAdvisorRouter({ advisors, documents, privacy, verifyTeamsToken, failedLoginsPerMinute = 10, failedLoginStore }: AdvisorRouterOptions): Router {
  const router = Router();
  const failedLogins = createFailedLoginLimiter(failedLoginsPerMinute, failedLoginStore);

  router.use(async function authenticate(request: Request, response: Response, next: NextFunction) {
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    let advisor: Advisor | null = null;
    if (token && looksLikeJwt(token)) {
      const identity = verifyTeamsToken ? await verifyTeamsToken(token) : null;
      advisor = identity ? await advisors.findAdvisorByTeamsIdentity(identity) : null;
    } else if (token) {
      advisor = await advisors.findAdvisorByToken(token);
    }
    if (!advisor) {
      // Counted only now: a valid token is never refused, whoever else failed from the same address.
      const isOverLimit = await failedLogins.recordFailure({ address: request.ip ?? request.socket.remoteAddress ?? 'unknown', prefix: token && !looksLikeJwt(token) ? tokenPrefix(token) : undefined });
      if (isOverLimit) {
        response.setHeader('Retry-After', '60');
        next(new AppError('rate_limited', 'Too many failed authentication attempts', { german: 'Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie eine Minute.' }));
        return;
      }
      next(new AppError('unauthorized', 'Missing or invalid advisor token', { german: token ? 'Dieses Zugangstoken ist ungültig, abgelaufen oder widerrufen. Bitte lassen Sie sich von der Administration ein neues ausstellen.' : 'Bitte melden Sie sich mit Ihrem Zugangstoken an.' }));
      return;
    }
    response.locals.advisor = advisor;
    next();
  });
  const advisorOf = (response: Response) => response.locals.advisor as Advisor;
  const actor = (response: Response) => ({ id: advisorOf(response).id, name: advisorOf(response).name, email: advisorOf(response).email });
  const adminOnly = (_request: Request, response: Response, next: NextFunction) => {
    if (advisorOf(response).role !== 'admin') {
      next(new AppError('forbidden', 'Admin role required', { german: 'Diese Funktion steht nur der Administration des Arbeitsbereichs zur Verfügung.' }));
      return;
    }
    next();
  };

  router.get('/me', (_request, response) => {
    const advisor = advisorOf(response);
    response.json({ advisor: { id: advisor.id, name: advisor.name, email: advisor.email, role: advisor.role } });
  });
  router.get('/advisors', async (request, response) => {
    const isAdmin = advisorOf(response).role === 'admin';
    response.json({ advisors: await advisors.listAdvisors(request.query.all === '1' && isAdmin, isAdmin) });
  });
  const advisorInput = z.object({
    name: z.string().trim().min(1).max(200),
    email: z.email(),
    role: z.enum(roles).optional(),
    teamsAadObjectId: z.uuid().optional(),
  });
  router.post('/advisors', adminOnly, async (request, response) => {
    const body = parse(advisorInput, request.body);
    response.status(201).json(await advisors.createAdvisor(body));
  });
  router.patch('/advisors/:id', adminOnly, async (request, response) => {
    const body = parse(
      z
        .object({
          name: z.string().trim().min(1).max(200).optional(),
          role: z.enum(roles).optional(),
          isActive: z.boolean().optional(),
          topics: z.array(z.enum(categories)).max(20).optional(),
          regions: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
          teamsAadObjectId: z.uuid().nullable().optional(),
        })
        .refine((value) => Object.keys(value).length > 0, 'enthält keine Änderung'),
      request.body,
    );
    response.json({ advisor: await advisors.updateAdvisor(String(request.params.id), body) });
  });
  router.post('/advisors/:id/tokens', adminOnly, async (request, response) => {
    const body = parse(z.object({ label: z.string().trim().max(100).optional() }), request.body ?? {});
    const issued = await advisors.issueAdvisorToken(String(request.params.id), body.label);
    response.status(201).json({ token: issued.token, tokenInfo: { id: issued.id, prefix: issued.prefix, expiresAt: issued.expiresAt } });
  });
  // An admin sees and revokes anyone's tokens; an advisor their own (e.g. a lost laptop).
  const selfOrAdmin = (request: Request, response: Response, next: NextFunction) => {
    if (advisorOf(response).role !== 'admin' && advisorOf(response).id !== request.params.id) {
      next(new AppError('forbidden', 'Only admins manage other advisors\' tokens', { german: 'Die Zugänge anderer verwaltet nur die Administration.' }));
      return;
    }
    next();
  };
  router.get('/advisors/:id/tokens', selfOrAdmin, async (request, response) => {
    response.json({ tokens: await advisors.listAdvisorTokens(String(request.params.id)) });
  });
  router.delete('/advisors/:id/tokens/:tokenId', selfOrAdmin, async (request, response) => {
    await advisors.revokeAdvisorToken(String(request.params.id), String(request.params.tokenId));
    response.status(204).end();
  });

  router.get('/tickets', async (request, response) => {
    const query = parse(ticketListQuery, request.query);
    const assignee = query.assignee === 'me' ? advisorOf(response).id : query.assignee;
    const page = await advisors.listTickets(
      { status: query.status, category: query.category, assignee, schoolBoardId: query.schoolBoard, text: query.q, overdue: query.view === 'overdue' },
      { sort: query.sort, cursor: query.cursor, limit: query.limit },
    );
    response.json({ tickets: page.tickets.map(ticketView), counts: page.countsByStatus, total: page.total, sort: page.sort, nextCursor: page.nextCursor });
  });

  router.get('/tickets/:number', async (request, response) => {
    const ticket = await advisors.getTicketDetail(request.params.number!);
    if (!ticket) throw new AppError('not_found', 'Ticket not found', { german: 'Diesen Vorgang gibt es nicht.' });
    response.json({
      ticket: {
        ...ticketView(ticket),
        facts: ticket.facts,
        missingFacts: ticket.missingFacts,
        school: ticket.school,
        mergedInto: ticket.mergedInto?.number ?? null,
        mergedTickets: ticket.mergedTickets.map((merged) => merged.number),
        messages: ticket.messages.map((message) => ({ direction: message.direction, channel: message.channel, text: message.text, isInternalNote: message.isInternalNote, author: message.authorName, createdAt: message.createdAt })),
        events: ticket.events,
        bookings: ticket.bookings,
      },
    });
  });

  const respondTicket = async (response: Response, number: string) => {
    const ticket = await advisors.getTicketDetail(number);
    response.json({ ticket: ticket ? ticketView(ticket) : null });
  };

  router.post('/tickets/:number/claim', async (request, response) => {
    await advisors.claimTicket(request.params.number!, advisorOf(response).id);
    await respondTicket(response, request.params.number!);
  });
  router.post('/tickets/:number/assign', async (request, response) => {
    const body = parse(z.object({ advisorId: z.string().min(1) }), request.body);
    await advisors.assignTicket(request.params.number!, body.advisorId, advisorOf(response).id);
    await respondTicket(response, request.params.number!);
  });
  router.patch('/tickets/:number', async (request, response) => {
    const body = parse(z.object({ status: z.enum(statuses).optional(), category: z.enum(categories).optional(), priority: z.enum(priorities).optional() }).refine((value) => Object.keys(value).length > 0, 'enthält keine Änderung'), request.body);
    if (body.category || body.priority) await advisors.updateTicketFields(request.params.number!, { category: body.category, priority: body.priority }, advisorOf(response).id);
    if (body.status) await advisors.updateTicketStatus(request.params.number!, body.status, advisorOf(response).id);
    await respondTicket(response, request.params.number!);
  });
  router.post('/tickets/:number/reply', async (request, response) => {
    const body = parse(z.object({ text: z.string().trim().min(1).max(20_000) }), request.body);
    const message = await advisors.addReply(request.params.number!, body.text, actor(response));
    response.status(201).json({ message: { id: message.id, direction: message.direction, text: message.text, createdAt: message.createdAt } });
  });
  router.post('/tickets/:number/notes', async (request, response) => {
    const body = parse(z.object({ text: z.string().trim().min(1).max(20_000) }), request.body);
    const message = await advisors.addNote(request.params.number!, body.text, actor(response));
    response.status(201).json({ note: { id: message.id, text: message.text, createdAt: message.createdAt } });
  });

  router.post('/tickets/:number/merge', async (request, response) => {
    const body = parse(z.object({ into: z.string().trim().min(1).max(40) }), request.body);
    const target = await advisors.mergeTickets(request.params.number!, body.into.toUpperCase(), advisorOf(response).id);
    await respondTicket(response, target.number);
  });

  const cannedReplyInput = z.object({ title: z.string().trim().min(1).max(120), body: z.string().trim().min(1).max(20_000), category: z.enum(categories).nullable().optional() });
  router.get('/canned-replies', async (_request, response) => {
    response.json({ cannedReplies: await advisors.listCannedReplies(), placeholders: advisors.cannedReplyPlaceholders });
  });
  router.post('/canned-replies', adminOnly, async (request, response) => {
    response.status(201).json({ cannedReply: await advisors.createCannedReply(parse(cannedReplyInput, request.body), advisorOf(response).id) });
  });
  router.patch('/canned-replies/:id', adminOnly, async (request, response) => {
    const body = parse(cannedReplyInput.partial().refine((value) => Object.keys(value).length > 0, 'enthält keine Änderung'), request.body);
    response.json({ cannedReply: await advisors.updateCannedReply(String(request.params.id), body) });
  });
  router.delete('/canned-replies/:id', adminOnly, async (request, response) => {
    await advisors.deleteCannedReply(String(request.params.id));
    response.status(204).end();
  });
  router.post('/canned-replies/:id/render', async (request, response) => {
    const body = parse(z.object({ ticketNumber: z.string().trim().min(1).max(40) }), request.body);
    response.json(await advisors.renderCannedReply(String(request.params.id), body.ticketNumber, advisorOf(response).name));
  });

  router.get('/knowledge/documents', async (_request, response) => {
    response.json({ documents: await documents.list() });
  });
  router.post('/knowledge/documents', adminOnly, express.raw({ type: () => true, limit: maxDocumentUploadBytes }), async (request, response) => {
    const fileName = parse(z.object({ fileName: z.string().trim().min(1).max(200) }), request.query).fileName;
    const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    response.status(201).json({ report: await documents.upload(fileName, bytes) });
  });
  router.post('/knowledge/reingest', adminOnly, async (_request, response) => {
    response.json({ report: await documents.reingest() });
  });

  router.get('/bookings', async (request, response) => {
    const query = parse(
      z
        .object({ status: z.enum(bookingStatuses).optional(), from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() })
        .refine((value) => Boolean(value.from) === Boolean(value.to), 'Für einen Zeitraum bitte „from“ und „to“ angeben.')
        .refine((value) => !value.from || !value.to || (Date.parse(value.to) > Date.parse(value.from) && Date.parse(value.to) - Date.parse(value.from) <= 62 * 86_400_000), 'Der Zeitraum muss nach seinem Beginn enden und darf höchstens zwei Monate umfassen.'),
      request.query,
    );
    const range = query.from && query.to ? { from: new Date(query.from), to: new Date(query.to) } : undefined;
    response.json({ bookings: await advisors.listBookings({ status: query.status, range }) });
  });
  const timeSlot = z.object({
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
    meetingUrl: z.url({ protocol: /^https$/, error: 'Der Link zur Videokonferenz muss mit https:// beginnen.' }).max(2000).nullish(),
  });
  router.post('/bookings/:id/claim', async (request, response) => {
    response.json({ booking: await advisors.changeBooking(String(request.params.id), { action: 'claim', advisorId: advisorOf(response).id }) });
  });
  router.post('/bookings/:id/confirm', async (request, response) => {
    const body = parse(timeSlot.extend({ mode: z.enum(modes) }), request.body);
    response.json({ booking: await advisors.changeBooking(String(request.params.id), { action: 'confirm', advisorId: advisorOf(response).id, startsAt: new Date(body.start), endsAt: new Date(body.end), mode: body.mode, meetingUrl: body.meetingUrl }) });
  });
  router.post('/bookings/:id/reschedule', async (request, response) => {
    const body = parse(timeSlot, request.body);
    response.json({ booking: await advisors.changeBooking(String(request.params.id), { action: 'reschedule', advisorId: advisorOf(response).id, startsAt: new Date(body.start), endsAt: new Date(body.end), meetingUrl: body.meetingUrl }) });
  });
  router.post('/bookings/:id/cancel', async (request, response) => {
    response.json({ booking: await advisors.changeBooking(String(request.params.id), { action: 'cancel', actorId: advisorOf(response).id }) });
  });

  router.get('/knowledge-gaps', async (request, response) => {
    const days = Math.min(365, Math.max(1, Number(request.query.days ?? 30) || 30));
    response.json({ days, gaps: await advisors.listKnowledgeGaps(new Date(Date.now() - days * 86_400_000)) });
  });
  // Team figures: JSON for the charts, CSV (German spreadsheet) with the same numbers.
  const figureWeeks = (request: Request) => Math.min(104, Math.max(1, Number(request.query.weeks ?? 12) || 12));
  router.get('/figures', async (request, response) => {
    response.json(await advisors.computeTeamFigures(figureWeeks(request)));
  });
  router.get('/figures.csv', async (request, response) => {
    const figures = await advisors.computeTeamFigures(figureWeeks(request));
    response
      .type('text/csv; charset=utf-8')
      .attachment(`kennzahlen-${figures.from}-bis-${figures.to}.csv`)
      .send(renderFiguresCsv(figures));
  });
  router.get('/mail/dropped', adminOnly, async (request, response) => {
    const days = Math.min(365, Math.max(1, Number(request.query.days ?? 30) || 30));
    response.json({ days, dropped: await advisors.countDroppedMail(new Date(Date.now() - days * 86_400_000)) });
  });
  // Data protection (Art. 15 and 17 DSGVO): find a person's data, hand it out, erase it.
  const personInput = z
    .object({ email: z.email().optional(), teamsId: z.string().trim().min(1).max(200).optional(), name: z.string().trim().min(2).max(200).optional() })
    .refine((person) => Boolean(person.email || person.teamsId || person.name), 'E-Mail-Adresse, Teams-Kennung oder Name angeben');
  const requirePrivacy = () => {
    if (!privacy) throw new AppError('unavailable', 'Privacy operations not configured');
    return privacy;
  };
  router.post('/privacy/search', adminOnly, async (request, response) => {
    response.json(await requirePrivacy().preview(parse(personInput, request.body)));
  });
  router.post('/privacy/export', adminOnly, async (request, response) => {
    const { zip } = await requirePrivacy().export(parse(personInput, request.body));
    response.setHeader('content-type', 'application/zip');
    response.setHeader('content-disposition', 'attachment; filename="auskunft.zip"');
    response.send(zip);
  });
  router.post('/privacy/erase', adminOnly, async (request, response) => {
    const body = parse(z.object({ person: personInput, confirm: z.literal(true) }), request.body);
    response.json({ erased: await requirePrivacy().erase(body.person, advisorOf(response).id) });
  });
  router.put('/privacy/legal-hold/:number', adminOnly, async (request, response) => {
    const body = parse(z.object({ hold: z.boolean(), reason: z.string().trim().max(500).optional() }), request.body);
    response.json(await requirePrivacy().setLegalHold(String(request.params.number).trim().toUpperCase(), body.hold, body.reason, advisorOf(response).id));
  });
  router.get('/outbox/failed', async (_request, response) => {
    response.json({ messages: await advisors.listFailedOutboxMessages() });
  });
  return router;
}
