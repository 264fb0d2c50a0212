import { describe, expect, it } from 'vitest';
import { classifyWithModel } from '../../knowledge/classify-with-model.ts';
import { createChatApp } from '../helpers/chat-app.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { uniqueSuffix } from '../helpers/factories.ts';
import { jsonModel } from '../helpers/mock-models.ts';
import request from 'supertest';

describe('intent classification with a language model', () => {
  it('accepts only the closed set of intents', async () => {
    const valid = jsonModel(() => ({ intent: 'booking', hasQuestion: false }));
    expect(await classifyWithModel({ model: valid.model, text: 'Termin bitte', timeoutMs: 1000 })).toEqual({ intent: 'booking', hasQuestion: false });
    const invented = jsonModel(() => ({ intent: 'complaint', hasQuestion: false }));
    expect(await classifyWithModel({ model: invented.model, text: 'Beschwerde', timeoutMs: 1000 })).toBeNull();
  });

  describe('in the engine', () => {
    const database = useTestDatabase('pglite');

    it('follows the model, and falls back to the rules when the model answers outside the set', async () => {
      const booking = jsonModel(() => ({ intent: 'booking', hasQuestion: false }));
      const withModel = await createChatApp(database(), { override: { classifyWithModel: (text) => classifyWithModel({ model: booking.model, text, timeoutMs: 1000 }) } });
      const followed = await withModel.say(`m-${uniqueSuffix()}`, { email: `m-${uniqueSuffix()}@example.org` }, 'Wir bräuchten Unterstützung zu unserem technischen Konzept.');
      expect(followed.intent).toBe('booking');

      const broken = jsonModel(() => ({ intent: 'beschwerde', hasQuestion: true }));
      const fallback = await createChatApp(database(), { override: { classifyWithModel: (text) => classifyWithModel({ model: broken.model, text, timeoutMs: 1000 }) } });
      const ruled = await fallback.say(`m-${uniqueSuffix()}`, { email: `m-${uniqueSuffix()}@example.org` }, 'Ist WLAN förderfähig?');
      expect(ruled.intent).toBe('question');
    });

    it('never lets a model open a ticket for a foreign topic', async () => {
      const eager = jsonModel(() => ({ intent: 'ticket', hasQuestion: false }));
      const app = await createChatApp(database(), { override: { classifyWithModel: (text) => classifyWithModel({ model: eager.model, text, timeoutMs: 1000 }) } });
      const result = await app.say(`m-${uniqueSuffix()}`, { email: `m-${uniqueSuffix()}@example.org` }, 'Wann beginnen die Sommerferien?');
      expect(result.intent).toBe('out_of_scope');
      expect(result.ticket).toBeUndefined();
    });

    it('limits the messages per client address and minute', async () => {
      const { app } = await createChatApp(database(), { messagesPerMinute: 3 });
      const user = { email: `eilig-${uniqueSuffix()}@example.org` };
      // Counted per client address (through the local proxy: X-Forwarded-For), whatever the body claims.
      const from = (address: string) => request(app).post('/api/chat').set('x-forwarded-for', address);
      for (let index = 0; index < 3; index += 1) expect((await from('198.51.100.61').send({ user, text: 'Hallo' })).status).toBe(200);
      const limited = await from('198.51.100.61').send({ user: { email: `anders-${uniqueSuffix()}@example.org` }, text: 'Hallo' });
      expect(limited.status).toBe(429);
      expect(limited.body.error).toEqual({ code: 'rate_limited', message: 'Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment.' });
      expect((await from('198.51.100.62').send({ user, text: 'Hallo' })).status).toBe(200);
    });
  });
});
