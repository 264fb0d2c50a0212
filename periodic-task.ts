export interface PeriodicTask<Argument, Result> {
  /** Runs one pass now, after any pass in progress; undefined once stopped. */
  runOnce(argument?: Argument): Promise<Result | undefined>;
  /** No new passes; resolves when the one in progress has ended. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` every `intervalMs` (0 = only on request) in this process, one pass at a time: a
 * pass asked for while another runs waits for it. `pass` gets `isStopped` to end long work early;
 * whatever it throws goes to `onError` and the next pass runs as planned. `after` is awaited
 * before the first pass (a start-up step).
 */
export function startPeriodicTask<Argument, Result>({
  intervalMs,
  pass,
  onError,
  after = Promise.resolve(),
}: {
  intervalMs: number;
  pass: (argument: Argument | undefined, isStopped: () => boolean) => Promise<Result>;
  onError: (error: unknown) => void;
  after?: Promise<unknown>;
}): PeriodicTask<Argument, Result> {
  let running: Promise<Result | undefined> = after.then(
    () => undefined,
    (error: unknown) => (onError(error), undefined),
  );
  let isStopped = false;
  const runOnce = (argument?: Argument) => {
    running = running.then(async () => {
      if (isStopped) return undefined;
      try {
        return await pass(argument, () => isStopped);
      } catch (error) {
        onError(error);
        return undefined;
      }
    });
    return running;
  };
  const timer = intervalMs > 0 ? setInterval(() => void runOnce(), intervalMs) : undefined;
  timer?.unref();
  return {
    runOnce,
    async stop() {
      isStopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
