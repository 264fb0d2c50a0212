import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError, parseInput } from '../errors.ts';
import { isDirectLoopbackRequest } from '../server.ts';
import type { Logger } from '../logger.ts';
import type { CaseCardOptions } from './cards.ts';
import type { BotEngine } from './schulit-bot.ts';
import type { TeamsRuntime } from './teams-runtime.ts';

export interface TeamsSettings {
  appId?: string;
  appPassword?: string;
  appType: 'SingleTenant' | 'UserAssignedMSI' | 'MultiTenant';
  tenantId?: string;
  advisorChannelId?: string;
  serviceUrl: string;
  /**
   * Hosts an authenticated activity's serviceUrl may name (the Bot Framework's channel services);
   * `*.` matches subdomains. Replies and proactive messages only ever go to these.
   */
  serviceUrlHosts: string[];
  /** Local mode (no app id) answers only this machine unless an operator opts in explicitly. */
  allowRemoteLocalMode: boolean;
}

const loopbackHost = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Whether a serviceUrl's host is one of the allowed hosts (exact, or `*.domain` for its subdomains). */
export function isAllowedServiceUrl(serviceUrl: string, hosts: string[]): boolean {
  const host = new URL(serviceUrl).hostname.toLowerCase();
  return hosts.some((allowed) => (allowed.startsWith('*.') ? host.endsWith(allowed.slice(1).toLowerCase()) : host === allowed.toLowerCase()));
}

/** The minimum an activity needs before botbuilder sees it; anything else is a 400, not a crash. */
const activitySchema = z
  .object({
    type: z.string().min(1),
    // Replies go to this address: web addresses only (a file: or gopher: URL has no business here).
    serviceUrl: z.url({ protocol: /^https?$/ }).optional(),
    conversation: z.object({ id: z.string().min(1) }).loose().optional(),
    from: z.object({ id: z.string().min(1) }).loose().optional(),
  })
  .loose()
  .refine((activity) => ['message', 'invoke', 'conversationUpdate', 'installationUpdate'].includes(activity.type) === false || (activity.serviceUrl && activity.conversation && activity.from), {
    message: 'serviceUrl, conversation.id und from.id fehlen',
  });

/**
 * The response as botbuilder writes it, except that its failures (a forged token's 401 with the
 * library's own text, a 500) become our structured JSON error; successes pass through unchanged.
 */
function withStructuredErrors(response: Response) {
  let status = 200;
  let isErrorSent = false;
  const shim = {
    socket: response.socket,
    header(name: string, value: unknown) {
      response.header(name, String(value));
      return shim;
    },
    status(code: number) {
      status = code;
      return shim;
    },
    send(body?: unknown) {
      if (status >= 400) {
        const code = status === 401 ? 'unauthorized' : status === 400 ? 'invalid_input' : status === 405 ? 'invalid_input' : 'internal';
        const german = status === 401 ? 'Die Anmeldung der Bot-Nachricht ist ungültig.' : status >= 500 ? 'Es ist ein interner Fehler aufgetreten. Bitte versuchen Sie es später noch einmal.' : 'Die Nachricht ist keine gültige Bot-Framework-Aktivität.';
        response.status(status).json({ error: { code, message: german } });
        isErrorSent = true;
        return shim;
      }
      response.status(status).send(body as never);
      return shim;
    },
    end() {
      if (status >= 400 && !isErrorSent) shim.send();
      else if (!isErrorSent && !response.headersSent) response.status(status).end();
      else if (!response.writableEnded) response.end();
      return shim;
    },
  };
  return shim;
}

/**
 * The Teams channel: `POST /api/messages`, checked here (shape, local mode, allowed reply hosts)
 * and then handed to the botbuilder runtime, which is loaded on first use (an incoming activity or
 * a proactive message); proactive sending for the outbox deliverers.
 */
export function createTeamsChannel({ settings, engine, logger }: { settings: TeamsSettings; engine: BotEngine; logger: Logger }) {
  let runtime: Promise<TeamsRuntime> | undefined;
  const loadRuntime = () => (runtime ??= import('./teams-runtime.ts').then(({ createTeamsRuntime }) => createTeamsRuntime({ settings, engine, logger })));
  const appId = settings.appId ?? '';

  const router = Router();
  router.post('/', async function postMessages(request: Request, response: Response) {
    const activity = parseInput(activitySchema, request.body, { message: 'Malformed Bot Framework activity', german: 'Die Nachricht ist keine gültige Bot-Framework-Aktivität' });
    const serviceUrl = activity.serviceUrl;
    if (!appId) {
      // Without an app id nothing is authenticated: only this machine may talk to the bot, and
      // the bot only answers to this machine (no requests to arbitrary hosts and ports).
      if (!settings.allowRemoteLocalMode && !isDirectLoopbackRequest(request)) {
        throw new AppError('forbidden', 'Local bot mode accepts loopback callers only', { german: 'Ohne Bot-Registrierung (MicrosoftAppId) nimmt der Assistent nur Nachrichten von diesem Rechner an.' });
      }
      if (serviceUrl && !loopbackHost.test(new URL(serviceUrl).hostname)) {
        throw new AppError('invalid_input', 'Local bot mode replies to loopback serviceUrls only', { german: 'Im lokalen Modus antwortet der Assistent nur an Adressen auf diesem Rechner.' });
      }
    } else if (serviceUrl && !isAllowedServiceUrl(serviceUrl, settings.serviceUrlHosts)) {
      throw new AppError('invalid_input', `serviceUrl host not allowed: ${new URL(serviceUrl).hostname}`, { german: 'Die Antwortadresse der Nachricht gehört nicht zum Bot Framework.' });
    }
    // Who sent it is proven when botbuilder validated the token (app id configured) or, in local
    // mode, when the caller is this machine itself; a remote caller let in by the opt-in setting is not.
    const isSenderProven = Boolean(appId) || isDirectLoopbackRequest(request);
    await (await loadRuntime()).processActivity(request, withStructuredErrors(response), isSenderProven);
  });

  return {
    router,
    sendText: async (reference: Record<string, unknown>, text: string) => (await loadRuntime()).sendText(reference, text),
    postCaseCard: async (channelReference: Record<string, unknown> | null, options: CaseCardOptions) => (await loadRuntime()).postCaseCard(channelReference, options),
  };
}

export type TeamsChannel = ReturnType<typeof createTeamsChannel>;
