/** OpenAPI 3.1 description of the public HTTP API, served at /api/openapi.json. */
const error = { $ref: '#/components/schemas/Error' };
const bearer = [{ advisorToken: [] }];
const ticketNumber = { name: 'number', in: 'path', required: true, schema: { type: 'string', pattern: '^SIT-\\d{4}-\\d{5}$' } };
const bookingId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const ok = (description: string, schema: unknown = { type: 'object' }) => ({ 200: { description, ...json(schema) }, 400: { description: 'ungültige Eingabe', ...json(error) }, 401: { description: 'nicht angemeldet', ...json(error) } });

export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Schul-IT Assistent API', version: '0.1.0', description: 'Chat-Schnittstelle und Arbeitsbereich der Beraterinnen und Berater. Fehler: { error: { code, message } } mit deutscher Meldung.' },
  components: {
    securitySchemes: { advisorToken: { type: 'http', scheme: 'bearer', description: 'Token aus `schulit advisor add`' } },
    schemas: {
      Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } } },
      Ticket: {
        type: 'object',
        properties: {
          number: { type: 'string' }, subject: { type: 'string' },
          category: { enum: ['foerderantrag', 'rop_aenderung', 'mep', 'technik', 'sdm', 'beratung', 'sonstiges'] },
          priority: { enum: ['niedrig', 'normal', 'hoch', 'dringend'] },
          status: { enum: ['neu', 'in_bearbeitung', 'wartet_auf_rueckmeldung', 'geloest', 'geschlossen'] },
          channel: { enum: ['teams', 'email', 'api'] },
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
        responses: { ...ok('Antwort'), 429: { description: 'zu viele Anfragen', ...json(error) } },
      },
    },
    '/api/advisor/tickets': {
      get: {
        security: bearer,
        summary: 'Warteschlange',
        parameters: ['status', 'category', 'assignee', 'schoolBoard', 'q'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
        responses: ok('Tickets', { type: 'object', properties: { tickets: { type: 'array', items: { $ref: '#/components/schemas/Ticket' } }, counts: { type: 'object' } } }),
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
    '/api/advisor/bookings': { get: { security: bearer, responses: ok('Buchungen') } },
    '/api/advisor/bookings/{id}/claim': { post: { security: bearer, parameters: [bookingId], responses: ok('Buchung') } },
    '/api/advisor/bookings/{id}/confirm': { post: { security: bearer, parameters: [bookingId], requestBody: json({ type: 'object', required: ['start', 'end', 'mode'], properties: { start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' }, mode: { enum: ['telefon', 'video', 'vor_ort'] } } }), responses: ok('Buchung (status bestaetigt)') } },
    '/api/advisor/bookings/{id}/reschedule': { post: { security: bearer, parameters: [bookingId], responses: ok('Buchung') } },
    '/api/advisor/bookings/{id}/cancel': { post: { security: bearer, parameters: [bookingId], responses: ok('Buchung') } },
    '/api/advisor/knowledge-gaps': { get: { security: bearer, parameters: [{ name: 'days', in: 'query', schema: { type: 'integer' } }], responses: ok('Wissenslücken nach Thema') } },
    '/api/advisor/outbox/failed': { get: { security: bearer, responses: ok('Nicht zustellbare Nachrichten') } },
  },
};
