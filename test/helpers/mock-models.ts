import { MockLanguageModelV3 } from 'ai/test';

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 10, text: 10, reasoning: undefined },
};

/** A language model that answers every call with `respond(prompt)` as JSON text, and records prompts. */
export function jsonModel(respond: (promptText: string) => unknown) {
  const prompts: string[] = [];
  const model = new MockLanguageModelV3({
    doGenerate: async (options) => {
      const promptText = JSON.stringify(options.prompt);
      prompts.push(promptText);
      return {
        content: [{ type: 'text', text: JSON.stringify(respond(promptText)) }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage,
        warnings: [],
      };
    },
  });
  return { model, prompts };
}

/** The chunk ids offered to the model in a prompt. */
export function offeredChunkIds(promptText: string): string[] {
  return [...promptText.matchAll(/passage id=\\?"([^"\\]+)\\?"/g)].map((match) => match[1]!);
}
