import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import { AppError, isAppError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

/** A named readiness check; `/readyz` is true only when all pass. */
export type ReadinessCheck = () => Promise<boolean>;

export interface CreateAppOptions {
  logger: Logger;
  metrics: Metrics;
  readinessChecks?: Record<string, ReadinessCheck>;
  /** Routers of the channels and APIs, mounted at their paths. */
  routes?: { path: string; router: Router | RequestHandler }[];
  /** Upper bound for JSON bodies. */
  jsonLimit?: string;
}

/** The Express app: health, readiness, metrics, request ids, JSON logs, one error mapping. */
export function createApp({
  logger,
  metrics,
  readinessChecks = {},
  routes = [],
  jsonLimit = '1mb',
}: CreateAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

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
        req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      autoLogging: { ignore: (request) => request.url === '/healthz' || request.url === '/metrics' },
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
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
    response.status(isReady ? 200 : 503).json({ ready: isReady, checks });
  });

  app.get('/metrics', async function metricsEndpoint(_request, response) {
    response.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  for (const { path, router } of routes) app.use(path, router);

  app.use(function notFound(request, _response, next) {
    next(new AppError('not_found', `No route for ${request.method} ${request.path}`, { german: 'Diese Adresse gibt es nicht.' }));
  });
  app.use(errorHandler);
  return app;
}

/** The only catch-all of the HTTP side: AppError codes to status and `{ error: { code, message } }`. */
const errorHandler: ErrorRequestHandler = function errorHandler(error, request, response, next) {
  if (response.headersSent) {
    next(error);
    return;
  }
  const appError = toAppError(error);
  if (appError.status >= 500) request.log.error({ err: error }, appError.message);
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
