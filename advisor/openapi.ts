/** OpenAPI 3.1 description of the public HTTP API, served at /api/openapi.json. */
import { advisorRoles, bookingModes, bookingStatuses, categories, channels, intents, priorities, ticketStatuses } from '../vocabulary/index.ts';

const error = { $ref: '#/components/schemas/Error' };
const bearer = [{ advisorToken: [] }];
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const ticketNumber = { name: 'number', in: 'path', required: true, schema: { type: 'string', pattern: '^SIT-\\d{4}-\\d{5}$' } };
const bookingId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const id = bookingId;
const forbidden = { 403: { description: 'nur für Administration', ...json({ $ref: '#/components/schemas/Error' }) } };
const person = { type: 'object', description: 'mindestens eine Angabe', properties: { email: { type: 'string', format: 'email' }, teamsId: { type: 'string' }, name: { type: 'string', minLength: 2 } } };
const cannedReply = { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, body: { type: 'string' }, category: { type: ['string', 'null'] }, updatedAt: { type: 'string', format: 'date-time' } } };
const advisor = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, role: { enum: advisorRoles }, topics: { type: 'array', items: { type: 'string' } }, regions: { type: 'array', items: { type: 'string' } }, isActive: { type: 'boolean' }, teamsAadObjectId: { type: ['string', 'null'], description: 'nur für die Administration' } } };
const advisorToken = { type: 'object', properties: { id: { type: 'string' }, prefix: { type: ['string', 'null'] }, label: { type: ['string', 'null'] }, createdAt: { type: 'string', format: 'date-time' }, lastUsedAt: { type: ['string', 'null'], format: 'date-time' }, expiresAt: { type: ['string', 'null'], format: 'date-time' }, revokedAt: { type: ['string', 'null'], format: 'date-time' }, isValid: { type: 'boolean' } } };
const ingestReport = { type: 'object', properties: { added: { type: 'array', items: { type: 'string' } }, updated: { type: 'array', items: { type: 'string' } }, unchanged: { type: 'array', items: { type: 'string' } }, failed: { type: 'array', items: { type: 'object', properties: { file: { type: 'string' }, reason: { type: 'string' } } } } } };
const ok = (description: string, schema: unknown = { type: 'object' }) => ({ 200: { description, ...json(schema) }, 400: { description: 'ungültige Eingabe', ...json(error) }, 401: { description: 'nicht angemeldet', ...json(error) } });

export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Schul-IT Assistent API', version: '0.1.0', description: 'Chat-Schnittstelle und Arbeitsbereich der Beraterinnen und Berater. Fehler: { error: { code, message } } mit deutscher Meldung.' },
  components: {
    securitySchemes: { advisorToken: { type: 'http', scheme: 'bearer', description: 'Token aus `schulit advisor add` oder, im Teams-Tab, das SSO-Token von Entra ID' } },
    schemas: {
      Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } } },
      Ticket: {
        type: 'object',
        properties: {
          number: { type: 'string' }, subject: { type: 'string' },
          category: { enum: categories },
          priority: { enum: priorities },
          status: { enum: ticketStatuses },
          channel: { enum: channels },
          requester: { type: 'object', properties: { name: { type: ['string', 'null'] }, email: { type: ['string', 'null'] } } },
          assignee: { type: ['object', 'null'], properties: { id: { type: 'string' }, name: { type: 'string' } } },
          dueAt: { type: ['string', 'null'], format: 'date-time' },
        },
      },
    },
  },
  paths: {
    '/api/chat': {
      post: {
        summary: 'Nachricht an den Assistenten',
        requestBody: json({ type: 'object', required: ['text'], properties: { conversationId: { type: 'string' }, user: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, email: { type: 'string', format: 'email' } } }, text: { type: 'string', maxLength: 10000 } } }),
        responses: { ...ok('Antwort', { type: 'object', properties: { conversationId: { type: 'string' }, intent: { enum: intents }, replies: { type: 'array' }, triage: { type: 'object', properties: { category: { enum: categories }, priority: { enum: priorities } } } } }), 429: { description: 'zu viele Anfragen', ...json(error) } },
      },
    },
    '/api/advisor/tickets': {
      get: {
        security: bearer,
        summary: 'Warteschlange, seitenweise (Cursor aus nextCursor); counts je Status ohne den Statusfilter; q = deutsche Volltextsuche',
        parameters: [
          ...['status', 'category', 'assignee', 'schoolBoard', 'q', 'cursor'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
          { name: 'view', in: 'query', schema: { enum: ['overdue'] } },
          { name: 'sort', in: 'query', schema: { enum: ['created', 'activity', 'due', 'priority', 'relevance'] } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
        ],
        responses: ok('Tickets', { type: 'object', properties: { tickets: { type: 'array', items: { $ref: '#/components/schemas/Ticket' } }, counts: { type: 'object' }, total: { type: 'integer' }, sort: { type: 'string' }, nextCursor: { type: ['string', 'null'] } } }),
      },
    },
    '/api/advisor/tickets/{number}': {
      get: { security: bearer, parameters: [ticketNumber], summary: 'Ticket mit Verlauf, Ereignissen und Buchungen', responses: { ...ok('Ticket'), 404: { description: 'unbekannt', ...json(error) } } },
      patch: { security: bearer, parameters: [ticketNumber], summary: 'Status, Kategorie oder Priorität ändern', requestBody: json({ type: 'object', properties: { status: { type: 'string' }, category: { type: 'string' }, priority: { type: 'string' } } }), responses: { ...ok('Ticket'), 409: { description: 'Übergang nicht erlaubt', ...json(error) } } },
    },
    '/api/advisor/tickets/{number}/claim': { post: { security: bearer, parameters: [ticketNumber], summary: 'Übernehmen', responses: { ...ok('Ticket'), 409: { description: 'schon vergeben', ...json(error) } } } },
    '/api/advisor/tickets/{number}/assign': { post: { security: bearer, parameters: [ticketNumber], requestBody: json({ type: 'object', required: ['advisorId'], properties: { advisorId: { type: 'string' } } }), responses: ok('Ticket') } },
    '/api/advisor/tickets/{number}/reply': { post: { security: bearer, parameters: [ticketNumber], summary: 'Antwort über den Kanal der anfragenden Person', requestBody: json({ type: 'object', required: ['text'], properties: { text: { type: 'string' } } }), responses: { 201: { description: 'angelegt' } } } },
    '/api/advisor/tickets/{number}/notes': { post: { security: bearer, parameters: [ticketNumber], summary: 'Interne Notiz', requestBody: json({ type: 'object', required: ['text'], properties: { text: { type: 'string' } } }), responses: { 201: { description: 'angelegt' } } } },
    '/api/advisor/tickets/{number}/merge': { post: { security: bearer, parameters: [ticketNumber], summary: 'Dublette in einen anderen Vorgang überführen (dieser wird geschlossen)', requestBody: json({ type: 'object', required: ['into'], properties: { into: { type: 'string' } } }), responses: { ...ok('Zielvorgang'), 409: { description: 'schon zusammengeführt, Ziel geschlossen oder von anderen bearbeitet', ...json(error) } } } },
    '/api/advisor/me': { get: { security: bearer, summary: 'Angemeldete Person mit Rolle', responses: ok('Konto', { type: 'object', properties: { advisor } }) } },
    '/api/advisor/advisors': {
      get: { security: bearer, parameters: [{ name: 'all', in: 'query', schema: { enum: ['1'] }, description: 'auch deaktivierte (nur Administration)' }], responses: ok('Beraterinnen und Berater', { type: 'object', properties: { advisors: { type: 'array', items: advisor } } }) },
      post: { security: bearer, summary: 'Konto anlegen (Token wird einmal gezeigt)', requestBody: json({ type: 'object', required: ['name', 'email'], properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' }, role: { enum: advisorRoles }, teamsAadObjectId: { type: 'string', format: 'uuid' } } }), responses: { 201: { description: 'angelegt', ...json({ type: 'object', properties: { advisor, token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } } }) }, ...forbidden, 409: { description: 'E-Mail vergeben', ...json(error) } } },
    },
    '/api/advisor/advisors/{id}': { patch: { security: bearer, parameters: [id], summary: 'Rolle, Themen, Regionen, Teams-Kennung ändern oder deaktivieren', responses: { ...ok('Konto', { type: 'object', properties: { advisor } }), ...forbidden, 409: { description: 'letztes Administrationskonto', ...json(error) } } } },
    '/api/advisor/advisors/{id}/tokens': {
      get: { security: bearer, parameters: [id], summary: 'Zugangstoken eines Kontos (nur Anfang, nie das Token; Administration oder das eigene Konto)', responses: { ...ok('Token', { type: 'object', properties: { tokens: { type: 'array', items: advisorToken } } }), ...forbidden } },
      post: { security: bearer, parameters: [id], summary: 'Weiteres Zugangstoken (die bisherigen bleiben gültig)', requestBody: json({ type: 'object', properties: { label: { type: 'string', maxLength: 100 } } }), responses: { 201: { description: 'Token, einmal sichtbar', ...json({ type: 'object', properties: { token: { type: 'string' }, tokenInfo: { type: 'object', properties: { id: { type: 'string' }, prefix: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } } } } }) }, ...forbidden } },
    },
    '/api/advisor/advisors/{id}/tokens/{tokenId}': { delete: { security: bearer, parameters: [id, { name: 'tokenId', in: 'path', required: true, schema: { type: 'string' } }], summary: 'Ein Zugangstoken widerrufen', responses: { 204: { description: 'widerrufen' }, ...forbidden, 404: { description: 'unbekanntes Token', ...json(error) } } } },
    '/api/advisor/canned-replies': {
      get: { security: bearer, summary: 'Textvorlagen und erlaubte Platzhalter', responses: ok('Textvorlagen', { type: 'object', properties: { cannedReplies: { type: 'array', items: cannedReply }, placeholders: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, description: { type: 'string' } } } } } }) },
      post: { security: bearer, requestBody: json({ type: 'object', required: ['title', 'body'], properties: { title: { type: 'string' }, body: { type: 'string' }, category: { type: ['string', 'null'] } } }), responses: { 201: { description: 'angelegt', ...json({ type: 'object', properties: { cannedReply } }) }, ...forbidden } },
    },
    '/api/advisor/canned-replies/{id}': { patch: { security: bearer, parameters: [id], responses: { ...ok('Textvorlage'), ...forbidden } }, delete: { security: bearer, parameters: [id], responses: { 204: { description: 'gelöscht' }, ...forbidden } } },
    '/api/advisor/canned-replies/{id}/render': { post: { security: bearer, parameters: [id], summary: 'Vorlage für einen Vorgang ausfüllen', requestBody: json({ type: 'object', required: ['ticketNumber'], properties: { ticketNumber: { type: 'string' } } }), responses: ok('Text', { type: 'object', properties: { text: { type: 'string' }, missing: { type: 'array', items: { type: 'string' } } } }) } },
    '/api/advisor/knowledge/documents': {
      get: { security: bearer, summary: 'Wissensdokumente mit Versionen', responses: ok('Dokumente') },
      post: { security: bearer, summary: 'Dokument hochladen (.md, .pdf, .docx, höchstens 10 MB) und einlesen', parameters: [{ name: 'fileName', in: 'query', required: true, schema: { type: 'string' } }], requestBody: { content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, responses: { 201: { description: 'eingelesen', ...json({ type: 'object', properties: { report: ingestReport } }) }, ...forbidden, 413: { description: 'zu groß', ...json(error) } } },
    },
    '/api/advisor/knowledge/reingest': { post: { security: bearer, summary: 'Alle Wissensordner neu einlesen', responses: { ...ok('Bericht', { type: 'object', properties: { report: ingestReport } }), ...forbidden } } },
    '/api/advisor/bookings': {
      get: {
        security: bearer,
        parameters: [
          { name: 'status', in: 'query', schema: { enum: bookingStatuses } },
          { name: 'from', in: 'query', description: 'Beginn eines Zeitraums (ISO 8601 mit Zeitzone); mit `to`: Termine darin und alle Anfragen ohne Termin', schema: { type: 'string', format: 'date-time' } },
          { name: 'to', in: 'query', description: 'Ende des Zeitraums (ausschließlich), höchstens zwei Monate nach `from`', schema: { type: 'string', format: 'date-time' } },
        ],
        responses: ok('Buchungen'),
      },
    },
    '/api/advisor/bookings/{id}/claim': { post: { security: bearer, parameters: [bookingId], responses: ok('Buchung') } },
    '/api/advisor/bookings/{id}/confirm': { post: { security: bearer, parameters: [bookingId], requestBody: json({ type: 'object', required: ['start', 'end', 'mode'], properties: { start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' }, mode: { enum: bookingModes }, meetingUrl: { type: ['string', 'null'], format: 'uri', description: 'https-Link zur Videokonferenz; geht in LOCATION, URL und den Text der Einladung' } } }), responses: ok('Buchung (status bestaetigt)') } },
    '/api/advisor/bookings/{id}/reschedule': { post: { security: bearer, parameters: [bookingId], responses: ok('Buchung') } },
    '/api/advisor/bookings/{id}/cancel': { post: { security: bearer, parameters: [bookingId], responses: ok('Buchung') } },
    '/api/advisor/figures': { get: { security: bearer, parameters: [{ name: 'weeks', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 104 } }], responses: ok('Kennzahlen je Woche (Vorgänge, Antwortzeiten, Fragen) und je Monat (Beratungstermine)') } },
    '/api/advisor/figures.csv': { get: { security: bearer, parameters: [{ name: 'weeks', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 104 } }], responses: ok('dieselben Kennzahlen als CSV (Semikolon, Dezimalkomma, UTF-8)') } },
    '/api/advisor/knowledge-gaps': { get: { security: bearer, parameters: [{ name: 'days', in: 'query', schema: { type: 'integer' } }], responses: ok('Wissenslücken nach Thema') } },
    '/api/advisor/privacy/search': { post: { security: bearer, summary: 'Datenschutz: alles zu einer Person finden (Vorschau vor Auskunft oder Löschung)', requestBody: json(person), responses: { ...ok('Fundstellen'), ...forbidden } } },
    '/api/advisor/privacy/export': { post: { security: bearer, summary: 'Auskunft nach Art. 15 DSGVO als ZIP (Anschreiben, JSON, Mails, Anhänge)', requestBody: json(person), responses: { 200: { description: 'ZIP-Datei', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } }, ...forbidden } } },
    '/api/advisor/privacy/erase': { post: { security: bearer, summary: 'Löschung nach Art. 17 DSGVO (Vorgänge mit Aufbewahrung bleiben)', requestBody: json({ type: 'object', required: ['person', 'confirm'], properties: { person, confirm: { const: true } } }), responses: { ...ok('Anzahlen'), ...forbidden } } },
    '/api/advisor/privacy/legal-hold/{number}': { put: { security: bearer, parameters: [ticketNumber], summary: 'Aufbewahrung eines Vorgangs anordnen oder aufheben', requestBody: json({ type: 'object', required: ['hold'], properties: { hold: { type: 'boolean' }, reason: { type: 'string', maxLength: 500 } } }), responses: { ...ok('Vorgang'), ...forbidden, 404: { description: 'unbekannt', ...json(error) } } } },
    '/api/advisor/outbox/failed': { get: { security: bearer, responses: ok('Nicht zustellbare Nachrichten') } },
  },
};
