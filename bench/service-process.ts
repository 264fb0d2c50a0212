import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { childEnvironment, projectRoot } from '../test/helpers/processes.ts';

export interface BenchService {
  child: ChildProcess;
  baseUrl: string;
  /** Spawn to the first `/readyz` 200. */
  readyMs: number;
  /** Resident memory of the service process now, in MB (Linux /proc). */
  residentMb(): Promise<number | null>;
  /** Peak resident memory so far, in MB. */
  peakResidentMb(): Promise<number | null>;
  output(): string;
  stop(): Promise<void>;
}

export interface StartBenchServiceOptions {
  environment: Record<string, string>;
  port: number;
  /** Directory for a V8 CPU profile of the service (`--cpu-prof`), written when it stops. */
  cpuProfileDirectory?: string;
  timeoutMs?: number;
}

async function statusField(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): Promise<number | null> {
  if (pid === undefined) return null;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kilobytes = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  return kilobytes ? Math.round(Number(kilobytes) / 1024) : null;
}

/** The Node flags of `npm start` (`node <flags> dist/main.js` in package.json), so the bench runs what operators run. */
async function startFlags(): Promise<string[]> {
  const { scripts } = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = scripts.start.trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/main.js') throw new Error(`npm start is not "node … dist/main.js": ${scripts.start}`);
  return words.slice(1, -1);
}

/** Starts `dist/main.js` as `npm start` does (its Node flags included; build first with `npm run build`) as its own process and waits for `/readyz`. */
export async function startBenchService({ environment, port, cpuProfileDirectory, timeoutMs = 120_000 }: StartBenchServiceOptions): Promise<BenchService> {
  const started = performance.now();
  const profileArguments = cpuProfileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDirectory}`] : [];
  const child = spawn(process.execPath, [...(await startFlags()), ...profileArguments, path.join(projectRoot, 'dist', 'main.js')], {
    cwd: projectRoot,
    env: childEnvironment({ ...environment, PORT: String(port), HOST: '127.0.0.1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  let readyMs = -1;
  while (performance.now() - started < timeoutMs && child.exitCode === null) {
    const response = await fetch(`${baseUrl}/readyz`).catch(() => undefined);
    if (response?.status === 200) {
      readyMs = Math.round(performance.now() - started);
      break;
    }
    await response?.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (readyMs < 0) {
    child.kill('SIGKILL');
    throw new Error(`service did not become ready:\n${output}`);
  }
  return {
    child,
    baseUrl,
    readyMs,
    residentMb: () => statusField(child.pid, 'VmRSS'),
    peakResidentMb: () => statusField(child.pid, 'VmHWM'),
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
