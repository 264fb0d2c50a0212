import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { AdvisorPort } from '../tickets/index.ts';

const statuses = ['neu', 'in_bearbeitung', 'wartet_auf_rueckmeldung', 'geloest', 'geschlossen'] as const;
const categories = ['foerderantrag', 'rop_aenderung', 'mep', 'technik', 'sdm', 'beratung', 'sonstiges'] as const;
const priorities = ['niedrig', 'normal', 'hoch', 'dringend'] as const;
const modes = ['telefon', 'video', 'vor_ort'] as const;

type Advisor = NonNullable<Awaited<ReturnType<AdvisorPort['findAdvisorByToken']>>>;

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('invalid_input', 'Invalid advisor request', {
      german: 'Die Angaben sind unvollständig oder ungültig.',
      details: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return result.data;
}

const ticketListQuery = z.object({
  status: z.enum(statuses).optional(),
  category: z.enum(categories).optional(),
  assignee: z.string().min(1).optional(),
  schoolBoard: z.string().min(1).optional(),
  q: z.string().trim().min(1).max(200).optional(),
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

/**
 * The advisors' API under /api/advisor: bearer tokens from `schulit advisor add`. It translates
 * HTTP to the advisor port and back; every change is audited there.
 */
export function createAdvisorRouter({ advisors }: { advisors: AdvisorPort }): Router {
  const router = Router();

  router.use(async function authenticate(request: Request, response: Response, next: NextFunction) {
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const advisor = token ? await advisors.findAdvisorByToken(token) : null;
    if (!advisor) {
      next(new AppError('unauthorized', 'Missing or invalid advisor token', { german: 'Bitte melden Sie sich mit Ihrem Zugangstoken an.' }));
      return;
    }
    response.locals.advisor = advisor;
    next();
  });
  const advisorOf = (response: Response) => response.locals.advisor as Advisor;
  const actor = (response: Response) => ({ id: advisorOf(response).id, name: advisorOf(response).name, email: advisorOf(response).email });

  router.get('/me', (_request, response) => {
    const advisor = advisorOf(response);
    response.json({ advisor: { id: advisor.id, name: advisor.name, email: advisor.email, role: advisor.role } });
  });
  router.get('/advisors', async (_request, response) => {
    response.json({ advisors: await advisors.listAdvisors() });
  });

  router.get('/tickets', async (request, response) => {
    const query = parse(ticketListQuery, request.query);
    const assignee = query.assignee === 'me' ? advisorOf(response).id : query.assignee;
    const { tickets, countsByStatus } = await advisors.listTickets({ status: query.status, category: query.category, assignee, schoolBoardId: query.schoolBoard, text: query.q });
    response.json({ tickets: tickets.map(ticketView), counts: countsByStatus });
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
    const body = parse(z.object({ status: z.enum(statuses).optional(), category: z.enum(categories).optional(), priority: z.enum(priorities).optional() }).refine((value) => Object.keys(value).length > 0, 'nothing to change'), request.body);
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

  router.get('/bookings', async (request, response) => {
    const status = typeof request.query.status === 'string' ? request.query.status : undefined;
    response.json({ bookings: await advisors.listBookings(status) });
  });
  const timeSlot = z.object({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) });
  router.post('/bookings/:id/claim', async (request, response) => {
    response.json({ booking: await advisors.changeBooking(request.params.id!, { action: 'claim', advisorId: advisorOf(response).id }) });
  });
  router.post('/bookings/:id/confirm', async (request, response) => {
    const body = parse(timeSlot.extend({ mode: z.enum(modes) }), request.body);
    response.json({ booking: await advisors.changeBooking(request.params.id!, { action: 'confirm', advisorId: advisorOf(response).id, startsAt: new Date(body.start), endsAt: new Date(body.end), mode: body.mode }) });
  });
  router.post('/bookings/:id/reschedule', async (request, response) => {
    const body = parse(timeSlot, request.body);
    response.json({ booking: await advisors.changeBooking(request.params.id!, { action: 'reschedule', advisorId: advisorOf(response).id, startsAt: new Date(body.start), endsAt: new Date(body.end) }) });
  });
  router.post('/bookings/:id/cancel', async (request, response) => {
    response.json({ booking: await advisors.changeBooking(request.params.id!, { action: 'cancel', actorId: advisorOf(response).id }) });
  });

  router.get('/knowledge-gaps', async (request, response) => {
    const days = Math.min(365, Math.max(1, Number(request.query.days ?? 30) || 30));
    response.json({ days, gaps: await advisors.listKnowledgeGaps(new Date(Date.now() - days * 86_400_000)) });
  });
  router.get('/outbox/failed', async (_request, response) => {
    response.json({ messages: await advisors.listFailedOutboxMessages() });
  });
  return router;
}
