/**
 * Benchmarks (not tests): retrieval speed and quality of our index against MiniSearch, and
 * /api/chat latency in-process beside /healthz. Prints a table and writes bench/results.json.
 * The load, fault and hostile-input figures of the benchmarks issue come on top of this.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtemp } from 'node:fs/promises';
import { loadConfig } from '../config.ts';
import { evaluateKnowledge, readEvalQuestions } from '../knowledge/evaluate-knowledge.ts';
import { createLogger } from '../logger.ts';
import { startService } from '../main.ts';
import { readShippedDocuments } from '../test/helpers/knowledge.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

/** `total` requests with `connections` in flight; returns throughput and latency percentiles. */
async function load(url: string, init: RequestInit | (() => RequestInit), { connections, total }: { connections: number; total: number }) {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (issued < total) {
        issued += 1;
        const begin = performance.now();
        const response = await fetch(url, typeof init === 'function' ? init() : init).catch(() => null);
        if (!response || !response.ok) errors += 1;
        await response?.arrayBuffer();
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((left, right) => left - right);
  return { requests: total, connections, perSecond: Math.round(total / seconds), p50Ms: +percentile(latencies, 0.5).toFixed(1), p99Ms: +percentile(latencies, 0.99).toFixed(1), errors };
}

const questions = await readEvalQuestions(path.join(root, 'test/eval/questions.jsonl'));
const retrieval = await evaluateKnowledge({ documents: await readShippedDocuments(), questions });

const startedAt = performance.now();
const service = await startService({
  config: loadConfig({ DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'schulit-bench-')), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }),
  logger: createLogger({ level: 'silent' }),
});
const coldStartMs = Math.round(performance.now() - startedAt);
const base = `http://127.0.0.1:${service.port}`;
const chatQuestions = questions.filter((question) => question.kind !== 'out_of_scope').map((question) => question.question);
let next = 0;
const chatInit = () => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ user: { id: `bench-${next % 500}` }, text: chatQuestions[next++ % chatQuestions.length] }),
});
const results = {
  machine: { cpus: os.cpus().length, node: process.version },
  retrieval: { ours: retrieval.ours, miniSearch: retrieval.miniSearchBaseline, keyFactCoverage: retrieval.keyFactCoverage, abstentionAccuracy: retrieval.abstentionAccuracy },
  coldStartToReadyMs: coldStartMs,
  healthz8: await load(`${base}/healthz`, {}, { connections: 8, total: 2000 }),
  chat8: await load(`${base}/api/chat`, chatInit, { connections: 8, total: 400 }),
  chat32: await load(`${base}/api/chat`, chatInit, { connections: 32, total: 400 }),
  residentMemoryMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
};
await service.close();
await writeFile(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(
  [
    'Benchmark (PGlite, in einem Prozess mit dem Lastgenerator)',
    `Suche         hit@1 ${results.retrieval.ours.hitAt1}  hit@3 ${results.retrieval.ours.hitAt3}  ${results.retrieval.ours.microsecondsPerQuery} µs/Frage`,
    `MiniSearch    hit@1 ${results.retrieval.miniSearch.hitAt1}  hit@3 ${results.retrieval.miniSearch.hitAt3}  ${results.retrieval.miniSearch.microsecondsPerQuery} µs/Frage`,
    `Kaltstart bis bereit ${results.coldStartToReadyMs} ms`,
    ...(['healthz8', 'chat8', 'chat32'] as const).map((key) => `${key.padEnd(10)} ${results[key].perSecond}/s  p50 ${results[key].p50Ms} ms  p99 ${results[key].p99Ms} ms  Fehler ${results[key].errors}`),
    `Speicher (RSS) ${results.residentMemoryMb} MB`,
    '',
  ].join('\n'),
);
