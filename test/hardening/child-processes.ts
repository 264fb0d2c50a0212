import type { ChildProcess } from 'node:child_process';

/** True while the process runs; a process killed by a signal keeps `exitCode` null, so both count. */
export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Sends `signal` and resolves with the exit code (null after a signal) once the process is gone. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (!isRunning(child)) return Promise.resolve(child.exitCode);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}
