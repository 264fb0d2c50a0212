import { setTimeout as delay } from 'node:timers/promises';
import type { Engine } from '../handlers/create-engine.ts';

export interface TrackedEngine {
  engine: Engine;
  /**
   * Resolves when no call runs any more, or after `timeoutMs`. A turn goes on when its client
   * hangs up, so closing the HTTP server does not mean it ended: the database must stay open until
   * it has. Calls that start meanwhile (requests accepted before, waiting in the chat's queue) are
   * waited for too.
   */
  drain(timeoutMs: number): Promise<void>;
}

/** The engine with every call counted while it runs (the chat sessions' calls included). */
export function trackRunningTurns(engine: Engine): TrackedEngine {
  const running = new Set<Promise<unknown>>();
  const tracked = <Arguments extends unknown[], Result>(work: (...values: Arguments) => Promise<Result>) =>
    (...values: Arguments): Promise<Result> => {
      const call = work(...values);
      running.add(call);
      const forget = () => running.delete(call);
      call.then(forget, forget);
      return call;
    };
  const { chatSessions } = engine;
  return {
    engine: {
      ...engine,
      handleMessage: tracked(engine.handleMessage),
      handleCardAction: tracked(engine.handleCardAction),
      registerAdvisorChannel: tracked(engine.registerAdvisorChannel),
      storeConversationReference: tracked(engine.storeConversationReference),
      isFirstWelcome: tracked(engine.isFirstWelcome),
      chatSessions: {
        open: tracked(chatSessions.open),
        requestVerification: tracked(chatSessions.requestVerification),
        confirmVerification: tracked(chatSessions.confirmVerification),
        replies: tracked(chatSessions.replies),
      },
    },
    async drain(timeoutMs) {
      const timeout = delay(timeoutMs, undefined, { ref: false });
      while (running.size > 0) {
        const ended = await Promise.race([Promise.allSettled([...running]).then(() => true), timeout.then(() => false)]);
        if (!ended) return;
      }
    },
  };
}
