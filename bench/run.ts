/**
 * Benchmarks (not tests): retrieval quality and speed of our index against plain MiniSearch at the
 * shipped size and padded to 10,000 chunks; the service as its own process under autocannon load
 * (/api/chat at 8 and 32 connections beside /healthz), mail ingest over SMTP, cold start and
 * memory, on PGlite and on PostgreSQL. Prints a table and writes bench/results.json.
 *
 *   npm run bench                                   everything (about 4 minutes)
 *   npm run bench -- --only retrieval,pglite        a part: retrieval, pglite, postgres, mail
 *   npm run bench -- --seconds 20 --mails 500       longer load phases
 *   npm run bench -- --cpu-prof /tmp/profiles       V8 CPU profiles of the service processes
 *   npm run bench -- --postgres-url postgresql://…/postgres   server for the PostgreSQL run
 *   npm run bench -- --only soak --soak-minutes 20   mixed traffic on the embedded default, sampled
 *                                                   each minute (not part of the default run)
 *   npm run bench -- --instances 2                  also two service processes on one PostgreSQL
 *                                                   database behind a round-robin, with checks
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chunksOfDocuments, evaluateKnowledge, readEvalQuestions } from '../knowledge/evaluate-knowledge.ts';
import { projectRoot } from '../test/helpers/processes.ts';
import { readShippedDocuments } from '../test/helpers/knowledge.ts';
import { benchInstances } from './bench-instances.ts';
import { benchService, type ServiceFigures } from './bench-service.ts';
import { createFreshDatabase } from './fresh-postgres.ts';
import { measureMailIntake } from './measure-mail-intake.ts';
import { compareRetrieval } from './measure-retrieval.ts';
import { printFigures } from './print-figures.ts';
import { soak } from './soak.ts';
import { padCorpus } from './synthetic-chunks.ts';

const { values: options } = parseArgs({
  options: {
    only: { type: 'string', default: 'retrieval,pglite,postgres,mail' },
    seconds: { type: 'string', default: '10' },
    mails: { type: 'string', default: '200' },
    size: { type: 'string', default: '10000' },
    'cpu-prof': { type: 'string' },
    'postgres-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
    instances: { type: 'string', default: '1' },
    'soak-minutes': { type: 'string', default: '20' },
  },
});
const parts = new Set(options.only.split(','));
const seconds = Number(options.seconds);
const mails = Number(options.mails);

/** The commit measured, with "+changes" when the work tree differs from it; read before measuring, as the service under test was built from it. */
function measuredCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim();
    const isDirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: projectRoot, encoding: 'utf8' }).trim() !== '';
    return isDirty ? `${commit}+changes` : commit;
  } catch {
    return 'unknown';
  }
}

const commit = measuredCommit();

const questions = await readEvalQuestions(path.join(projectRoot, 'test/eval/questions.jsonl'));
const documents = await readShippedDocuments();
const notes: string[] = [];

let retrieval;
if (parts.has('retrieval')) {
  const chunks = chunksOfDocuments(documents);
  const answers = await evaluateKnowledge({ documents, questions });
  retrieval = {
    shipped: await compareRetrieval({ chunks, questions }),
    padded: await compareRetrieval({ chunks: padCorpus({ chunks, size: Number(options.size) }), questions, passes: 3, isWarmUpNeeded: false }),
    keyFactCoverage: answers.keyFactCoverage,
    abstentionAccuracy: answers.abstentionAccuracy,
  };
}

const services: ServiceFigures[] = [];
if (parts.has('pglite')) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'schulit-bench-'));
  try {
    services.push(await benchService({ database: 'pglite', dataDir, questions, seconds, mails, cpuProfileDirectory: options['cpu-prof'] }));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
if (parts.has('postgres')) {
  const serverUrl = options['postgres-url'];
  const database = await createFreshDatabase(serverUrl);
  if (!database) notes.push(`PostgreSQL unter ${new URL(serverUrl).host} nicht erreichbar: Lauf übersprungen.`);
  else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'schulit-bench-'));
    try {
      services.push(await benchService({ database: 'postgresql', dataDir, databaseUrl: database.url, questions, seconds, mails, cpuProfileDirectory: options['cpu-prof'] }));
    } finally {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

let instances;
const instanceCount = Number(options.instances);
if (instanceCount > 1) {
  const database = await createFreshDatabase(options['postgres-url']);
  if (!database) notes.push(`PostgreSQL unter ${new URL(options['postgres-url']).host} nicht erreichbar: Lauf mit ${instanceCount} Instanzen übersprungen.`);
  else {
    try {
      instances = await benchInstances({ instances: instanceCount, databaseUrl: database.url, questions, seconds, mails });
    } finally {
      await database.drop();
    }
  }
}

let soakFigures;
if (parts.has('soak')) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'schulit-bench-soak-'));
  try {
    soakFigures = await soak({ dataDir, questions, minutes: Number(options['soak-minutes']) });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

let mailIntake;
if (parts.has('mail')) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'schulit-bench-mail-'));
  try {
    mailIntake = await measureMailIntake({ dataDir, questions, mails: Math.min(mails, 100), cpuProfileDirectory: options['cpu-prof'] });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const measuredAt = new Date().toISOString();
const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100) };
const results = {
  measuredAt,
  commit,
  machine,
  settings: { seconds, mails, paddedSize: Number(options.size) },
  retrieval,
  services,
  instances,
  soak: soakFigures,
  mailIntake,
  notes,
};

// bench/results.json keeps the last figures of every part: a run of some parts replaces those and
// keeps the others, and `parts` says which commit each part was measured on.
const resultsPath = path.join(projectRoot, 'bench/results.json');
const previous = JSON.parse(await readFile(resultsPath, 'utf8').catch(() => '{}')) as Partial<typeof results> & { parts?: Record<string, unknown> };
const stamp = { commit, measuredAt, loadAverage: machine.loadAverage, settings: results.settings };
const measured = {
  retrieval: retrieval !== undefined,
  pglite: services.some((service) => service.database === 'pglite'),
  postgres: services.some((service) => service.database === 'postgresql'),
  mail: mailIntake !== undefined,
  instances: instances !== undefined,
  soak: soakFigures !== undefined,
};
const kept = (previous.services ?? []).filter((service) => (service.database === 'pglite' ? !measured.pglite : !measured.postgres));
const merged = {
  ...results,
  parts: { ...previous.parts, ...Object.fromEntries(Object.entries(measured).filter(([, isMeasured]) => isMeasured).map(([part]) => [part, stamp])) },
  retrieval: retrieval ?? previous.retrieval,
  services: [...services, ...kept].sort((left, right) => left.database.localeCompare(right.database)),
  instances: instances ?? previous.instances,
  soak: soakFigures ?? previous.soak,
  mailIntake: mailIntake ?? previous.mailIntake,
};
await writeFile(resultsPath, `${JSON.stringify(merged, null, 2)}\n`);
process.stdout.write(printFigures(results));
if ((instances && instances.errors.length > 0) || (soakFigures && !soakFigures.isSteady)) process.exitCode = 1;
