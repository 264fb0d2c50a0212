import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  inboundMessages: Counter<'channel' | 'intent'>;
  retentionRecords: Counter<'kind'>;
}

/** One registry per process (tests create their own, so metrics never leak between apps). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'schulit_' });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'schulit_http_request_duration_seconds',
      help: 'Duration of HTTP requests by route and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    inboundMessages: new Counter({
      name: 'schulit_inbound_messages_total',
      help: 'Inbound messages handled, by channel and intent.',
      labelNames: ['channel', 'intent'],
      registers: [registry],
    }),
    retentionRecords: new Counter({
      name: 'schulit_retention_records_total',
      help: 'Records anonymised or deleted by the retention job, by kind.',
      labelNames: ['kind'],
      registers: [registry],
    }),
  };
}
