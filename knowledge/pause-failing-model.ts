import { wrapLanguageModel, type LanguageModelMiddleware } from 'ai';

type LanguageModelV3 = Parameters<typeof wrapLanguageModel>[0]['model'];

/**
 * A circuit breaker for the chat model: after a failed or timed-out call the endpoint is left
 * alone for `pauseMs`, so a turn that would call it twice (classification, then the answer) waits
 * for one time-out at most and the following turns answer offline at once until it recovers.
 */
export function pauseFailingModel(model: LanguageModelV3, { pauseMs = 30_000, now = Date.now }: { pauseMs?: number; now?: () => number } = {}): LanguageModelV3 {
  let pausedUntil = 0;
  const middleware: LanguageModelMiddleware = {
    specificationVersion: 'v3',
    async wrapGenerate({ doGenerate }) {
      if (now() < pausedUntil) throw new Error('chat model paused after a recent failure');
      try {
        return await doGenerate();
      } catch (error) {
        pausedUntil = now() + pauseMs;
        throw error;
      }
    },
  };
  return wrapLanguageModel({ model, middleware });
}
