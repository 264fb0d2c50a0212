/** Polls `/healthz` every 20 ms while `work` runs; resolves with the slowest answer in ms. */
export async function slowestHealthz(baseUrl: string, work: Promise<unknown>): Promise<number> {
  let isDone = false;
  let slowest = 0;
  const polling = (async () => {
    while (!isDone) {
      const started = performance.now();
      await fetch(`${baseUrl}/healthz`).then((response) => response.arrayBuffer());
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  await work.finally(() => (isDone = true));
  await polling;
  return slowest;
}
