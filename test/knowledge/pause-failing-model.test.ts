import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { pauseFailingModel } from '../../knowledge/pause-failing-model.ts';
import { jsonModel } from '../helpers/mock-models.ts';

describe('pausing a failing chat model', () => {
  it('leaves the endpoint alone for the pause after a failure, then tries again', async () => {
    let isDown = true;
    const { model, prompts } = jsonModel(() => {
      if (isDown) throw new Error('endpoint down');
      return { ok: true };
    });
    let clock = 0;
    const paused = pauseFailingModel(model, { pauseMs: 30_000, now: () => clock });
    const ask = () => generateText({ model: paused, prompt: 'Hallo', maxRetries: 0 });

    await expect(ask()).rejects.toThrow('endpoint down');
    expect(prompts).toHaveLength(1);
    isDown = false;
    clock = 29_999;
    await expect(ask()).rejects.toThrow('paused');
    expect(prompts).toHaveLength(1);
    clock = 30_000;
    expect((await ask()).text).toBe('{"ok":true}');
    expect(prompts).toHaveLength(2);
  });
});
