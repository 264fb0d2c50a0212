import { describe, expect, it } from 'vitest';
import { noAdvisorRouteWarning } from '../service/start-service.ts';
import { useRunningService } from './helpers/running-service.ts';

describe('a service whose new tickets would reach no advisor', () => {
  const running = useRunningService();
  it('stays ready but says so in /readyz', async () => {
    const response = await fetch(`${running().baseUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ready: true, warnings: [noAdvisorRouteWarning] });
  });
});

describe('a service with the team mailbox as advisor route', () => {
  const running = useRunningService({ ADVISOR_TEAM_EMAIL: 'team@ego-mv.example', SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'Schul-IT Assistent <schul-it@ego-mv.example>' });
  it('has no warning', async () => {
    const body = (await (await fetch(`${running().baseUrl}/readyz`)).json()) as { ready: boolean; warnings?: string[] };
    expect(body.ready).toBe(true);
    expect(body.warnings).toBeUndefined();
  });

  it('answers /favicon.ico with the app icon, as browsers ask every site', async () => {
    const response = await fetch(`${running().baseUrl}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
  });
});
