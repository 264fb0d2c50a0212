import { createHash, timingSafeEqual } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { AppError, errorCodes, isAppError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

/** A named readiness check; `/readyz` is true only when all pass. */
export type ReadinessCheck = () => Promise<boolean>;

export interface CreateAppOptions {
  logger: Logger;
  metrics: Metrics;
  readinessChecks?: Record<string, ReadinessCheck>;
  /** German warnings that do not make the service unready but an operator must see (in /readyz). */
  readinessWarnings?: () => Promise<string[]>;
  /** Routers of the channels and APIs, mounted at their paths. */
  routes?: { path: string; router: Router | RequestHandler }[];
  /** Upper bound for JSON bodies. */
  jsonLimit?: string;
  /** Origins allowed to call the API from a browser (CORS); empty = closed, no CORS headers at all. */
  corsOrigins?: string[];
  /** Bearer token required for /metrics; unset = open (bind to a private network then). */
  metricsToken?: string;
}

/**
 * The Content-Security-Policy of every response. The advisors' web app runs inside Teams, so
 * framing is allowed for the Teams and Microsoft 365 hosts only (frame-ancestors replaces
 * X-Frame-Options, which cannot express an allow-list).
 */
export const contentSecurityPolicyDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  // teams-js reads its list of valid Teams hosts from this CDN when it starts inside Teams.
  'connect-src': ["'self'", 'https://res.cdn.office.net'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': [
    "'self'",
    'https://teams.microsoft.com',
    'https://*.teams.microsoft.com',
    'https://*.teams.cloud.microsoft',
    'https://*.office.com',
    'https://outlook.office.com',
    'https://*.cloud.microsoft',
  ],
};

/**
 * Security headers (helmet) with our CSP; no X-Frame-Options, frame-ancestors governs framing.
 * Helmet builds the CSP string anew for every response (0.27 ms per chat request in a profile);
 * our directives are constant, so helmet runs once here and each response gets its headers.
 */
export function securityHeaders(): RequestHandler {
  const headers = new Map<string, string>();
  const removed = new Set<string>();
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers.set(name, String(value));
    },
    removeHeader(name: string) {
      removed.add(name);
    },
  };
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicyDirectives },
    frameguard: false,
    // Teams SSO and sign-in open pop-ups that must keep their opener.
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
  })({} as Request, recorder as unknown as express.Response, (error?: unknown) => {
    if (error) throw error;
  });
  const entries = [...headers];
  return function securityHeaders(_request, response, next) {
    for (const name of removed) response.removeHeader(name);
    for (const [name, value] of entries) response.setHeader(name, value);
    next();
  };
}

/** CORS with an allow-list: only listed origins get Access-Control-Allow-* headers, others nothing. */
function allowListedCors(origins: string[]): RequestHandler {
  const allowed = new Set(origins.map((origin) => origin.replace(/\/+$/, '').toLowerCase()));
  return function cors(request, response, next) {
    const origin = request.headers.origin;
    if (!origin || !allowed.has(origin.toLowerCase())) {
      next();
      return;
    }
    response.vary('Origin');
    response.setHeader('Access-Control-Allow-Origin', origin);
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
      response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Request-Id');
      response.setHeader('Access-Control-Max-Age', '600');
      response.status(204).end();
      return;
    }
    next();
  };
}

/** True for a request made on this machine directly, not relayed by a proxy (no X-Forwarded-For). */
export function isDirectLoopbackRequest(request: Request): boolean {
  const address = request.socket.remoteAddress ?? '';
  const isLoopback = address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  return isLoopback && request.headers['x-forwarded-for'] === undefined;
}

/** The Express app: health, readiness, metrics, request ids, JSON logs, one error mapping. */
export function createApp({
  logger,
  metrics,
  readinessChecks = {},
  readinessWarnings,
  routes = [],
  jsonLimit = '1mb',
  corsOrigins = [],
  metricsToken,
}: CreateAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders());
  if (corsOrigins.length > 0) app.use(allowListedCors(corsOrigins));

  app.use(
    pinoHttp({
      logger,
      genReqId(request, response) {
        const incoming = request.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
        response.setHeader('x-request-id', id);
        return id;
      },
      // Method, path and status are enough; headers (cookies, tokens) never reach the log.
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: withoutSecretParameters(request.url) }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      autoLogging: { ignore: (request) => request.url === '/healthz' || request.url === '/metrics' },
      // A request shed under load (429) is expected and counted in the metrics; logging each one as
      // a warning made the overload worse (about 10 % of the CPU under 32 chat connections).
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 && response.statusCode !== 429 ? 'warn' : 'info',
    }),
  );
  app.use(function recordDuration(request, response, next) {
    const stop = metrics.httpRequestDuration.startTimer({ method: request.method });
    response.on('finish', () => {
      const route = (request.route?.path as string | undefined) ?? (response.statusCode === 404 ? 'unmatched' : request.baseUrl || 'other');
      stop({ route, status: String(response.statusCode) });
    });
    next();
  });
  app.use(express.json({ limit: jsonLimit }));

  app.get('/healthz', function healthz(_request, response) {
    response.json({ status: 'ok' });
  });

  app.get('/readyz', async function readyz(_request, response) {
    const results = await Promise.all(
      Object.entries(readinessChecks).map(async ([name, check]) => {
        const isReady = await check().catch(() => false);
        return [name, isReady] as const;
      }),
    );
    const checks = Object.fromEntries(results);
    const isReady = results.every(([, passed]) => passed);
    const warnings = readinessWarnings ? await readinessWarnings().catch(() => []) : [];
    response.status(isReady ? 200 : 503).json({ ready: isReady, checks, ...(warnings.length > 0 ? { warnings } : {}) });
  });

  app.get('/metrics', async function metricsEndpoint(request, response) {
    if (metricsToken) {
      const given = createHash('sha256').update(/^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '').digest();
      if (!timingSafeEqual(given, createHash('sha256').update(metricsToken).digest())) throw new AppError('unauthorized', 'Metrics token missing or wrong');
    }
    response.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  for (const { path, router } of routes) app.use(path, router);

  app.use(function notFound(request, _response, next) {
    next(new AppError('not_found', `No route for ${request.method} ${request.path}`, { german: 'Diese Adresse gibt es nicht.' }));
  });
  app.use(errorHandler);
  return app;
}

/**
 * What the port serves while the database is not reachable yet: `/healthz` 200 (the process is
 * alive, do not restart it), `/readyz` 503, everything else 503 `unavailable`. Replaced by the full
 * app on the same server once the database answers.
 */
export function createWaitingApp({ logger }: { logger: Logger }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders());
  app.get('/healthz', function healthz(_request, response) {
    response.json({ status: 'ok' });
  });
  app.get('/readyz', function readyz(_request, response) {
    response.status(503).json({ ready: false, checks: { database: false } });
  });
  app.use(function unavailable(_request, response) {
    response.setHeader('Retry-After', '10');
    response.status(503).json({
      error: { code: 'unavailable', message: 'Der Dienst startet gerade und wartet auf seine Datenbank. Bitte versuchen Sie es in einigen Minuten noch einmal.' },
    });
  });
  app.use(function waitingErrors(error: unknown, _request: Request, response: express.Response, _next: express.NextFunction) {
    logger.warn({ err: error }, 'request while waiting for the database failed');
    response.status(503).json({ error: { code: 'unavailable', message: errorCodes.unavailable.german } });
  } satisfies ErrorRequestHandler);
  return app;
}

const secretParameter = /token|key|secret|pass|auth|code|sig/i;

/** The URL for the log: values of query parameters that may carry credentials are hidden. */
export function withoutSecretParameters(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const query = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const [name = '', ...value] = pair.split('=');
      return value.length > 0 && secretParameter.test(decodeURIComponentSafely(name)) ? `${name}=[verborgen]` : pair;
    })
    .join('&');
  return `${url.slice(0, queryStart)}?${query}`;
}

function decodeURIComponentSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The only catch-all of the HTTP side: AppError codes to status and `{ error: { code, message } }`. */
const errorHandler: ErrorRequestHandler = function errorHandler(error, request, response, next) {
  if (response.headersSent) {
    next(error);
    return;
  }
  const appError = toAppError(error);
  if (appError.status >= 500) request.log.error({ err: error }, appError.message);
  else if (appError.status === 429) request.log.info({ code: appError.code }, appError.message);
  else request.log.warn({ code: appError.code }, appError.message);
  response.status(appError.status).json({
    error: { code: appError.code, message: appError.german, ...(appError.details ? { details: appError.details } : {}) },
  });
};

function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const httpError = error as { status?: number; type?: string };
  if (httpError.type === 'entity.too.large') {
    return new AppError('payload_too_large', 'Request body too large');
  }
  if (httpError.type === 'entity.parse.failed') {
    return new AppError('invalid_input', 'Malformed JSON body', { german: 'Der Inhalt der Anfrage ist kein gültiges JSON.' });
  }
  if (httpError.status === 400) return new AppError('invalid_input', 'Bad request');
  // serve-static refuses paths like /assets/..%2f.. with 403 and unknown files with 404.
  if (httpError.status === 403) return new AppError('forbidden', 'Forbidden path');
  if (httpError.status === 404) return new AppError('not_found', 'Not found');
  return new AppError('internal', error instanceof Error ? error.message : 'Unknown error', { cause: error });
}

/** Stops accepting connections, lets in-flight requests finish (bounded), then resolves. */
export function closeGracefully(server: Server, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, timeoutMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
