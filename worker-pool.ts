import { Tinypool } from 'tinypool';
import { isBuilt } from './project-root.ts';

export interface WorkerPoolOptions {
  /** Heap ceiling of each worker process; a task that needs more ends that process, not the service. */
  maxMemoryMb: number;
  maxWorkers?: number;
}

export interface LazyWorkerPool<Task, Result> {
  run(task: Task, options: { timeoutMs: number }): Promise<Result>;
  close(): Promise<void>;
}

/**
 * A pool of child processes for a worker module (tinypool's `child_process` runtime),
 * started on its first task so that a service that never needs it runs none. Processes, not worker
 * threads: a thread that hits its heap limit can abort the whole process (nodejs/node#47224), a
 * child process only itself. A task is aborted after its time limit (its process is killed); the
 * caller decides what a failed task means.
 */
export function createLazyWorkerPool<Task, Result>(worker: URL, { maxMemoryMb, maxWorkers = 2 }: WorkerPoolOptions): LazyWorkerPool<Task, Result> {
  let started: Tinypool | undefined;
  const pool = () => (started ??= new Tinypool({
    filename: worker.href,
    runtime: 'child_process',
    // The worker runs the way the service does: the build's JavaScript, or TypeScript through tsx.
    execArgv: [...(isBuilt ? [] : ['--import', 'tsx']), `--max-old-space-size=${maxMemoryMb}`],
    // tinypool replaces the child's environment with what it is given.
    env: Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    // Structured clone over IPC, so bytes arrive as bytes.
    serialization: 'advanced',
    minThreads: 1,
    maxThreads: maxWorkers,
    idleTimeout: 60_000,
  }));
  return {
    run: (task, { timeoutMs }) => pool().run(task, { signal: AbortSignal.timeout(timeoutMs) }) as Promise<Result>,
    close: async () => {
      await started?.destroy();
      started = undefined;
    },
  };
}

/** Whether a worker task failed because it ran out of time (as opposed to crashing or running out of memory). */
export function isWorkerTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
