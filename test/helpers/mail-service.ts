import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { startService, type RunningService } from '../../service/start-service.ts';
import { temporaryDirectory } from './processes.ts';
import { startSmtpSink } from './smtp-sink.ts';

export const testInbox = 'schul-it@ego-mv.example';

export interface MailService {
  service: RunningService;
  sink: Awaited<ReturnType<typeof startSmtpSink>>;
  /** An SMTP client to the service's inbound listener, as the relaying MTA. */
  sender: Transporter;
}

/**
 * The whole service with its inbound SMTP listener and an SMTP sink as the outbound server, started
 * before and stopped after the file's tests; call the returned function inside a test.
 */
export function useMailService(overrides: Record<string, string> = {}): () => MailService {
  let running: MailService | undefined;
  beforeAll(async () => {
    const sink = await startSmtpSink();
    const service = await startService({
      config: loadConfig({ DATA_DIR: await temporaryDirectory(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', MAIL_INBOUND_SMTP_PORT: '0', MAIL_INBOUND_HOST: '127.0.0.1', MAIL_FROM: `Schul-IT Assistent <${testInbox}>`, SMTP_URL: sink.url, ADVISOR_TEAM_EMAIL: 'team@ego-mv.example', ...overrides }),
      logger: createLogger({ level: 'silent' }),
    });
    running = { service, sink, sender: nodemailer.createTransport({ host: '127.0.0.1', port: service.mailPort, secure: false, ignoreTLS: true }) };
  }, 60_000);
  afterAll(async () => {
    await running?.service.close();
    await running?.sink.close();
  });
  return () => {
    if (!running) throw new Error('mail service not started yet');
    return running;
  };
}
