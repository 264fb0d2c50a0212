import path from 'node:path';
import type { RequestHandler, Router } from 'express';
import { createAdvisorRouter } from '../advisor/create-advisor-router.ts';
import { openApiDocument } from '../advisor/openapi.ts';
import { createWebAppRouter } from '../advisor/serve-web-app.ts';
import { createTeamsTokenVerifier } from '../advisor/verify-teams-token.ts';
import { createChatRouter } from '../chat/create-chat-router.ts';
import type { Config } from '../config.ts';
import type { Engine } from '../handlers/create-engine.ts';
import { createDocumentsPort } from '../knowledge/manage-documents.ts';
import type { Database } from '../prisma/client.ts';
import { createAdvisorOperations } from './create-advisor-operations.ts';
import { createPrivacyPort } from './create-privacy-port.ts';
import { createRateLimitStore } from './create-rate-limit-store.ts';
import type { LoadedKnowledge } from './load-knowledge.ts';
import { projectRoot } from '../project-root.ts';

const appIconPath = path.join(projectRoot, 'bot', 'app-package', 'color.png');

/** The HTTP routes below the health endpoints: chat, Teams, the advisors' API and web app, OpenAPI. */
export function createRoutes({ config, database, engine, loaded, teamsRouter }: { config: Config; database: Database; engine: Engine; loaded: LoadedKnowledge; teamsRouter: Router }): { path: string; router: Router | RequestHandler }[] {
  const { prisma } = database;
  return [
    {
      path: '/api/chat',
      router: createChatRouter({ engine, messagesPerMinute: config.CHAT_RATE_LIMIT_PER_MINUTE, rateLimitStore: createRateLimitStore(prisma, 'chat:'), integrationKeys: (config.CHAT_INTEGRATION_KEYS ?? '').split(',').map((key) => key.trim()).filter((key) => key.length >= 32), isLoopbackExempt: true, maxConcurrent: config.CHAT_MAX_CONCURRENT, maxQueued: config.CHAT_MAX_QUEUED }),
    },
    { path: '/api/messages', router: teamsRouter },
    {
      path: '/api/advisor',
      router: createAdvisorRouter({
        advisors: createAdvisorOperations(prisma, { tokenTtlDays: config.ADVISOR_TOKEN_TTL_DAYS, bindTeamsIdentityByEmail: config.TEAMS_SSO_BIND_BY_EMAIL }),
        failedLoginsPerMinute: config.ADVISOR_AUTH_FAILURES_PER_MINUTE,
        failedLoginStore: createRateLimitStore(prisma, 'advisor-login:'),
        privacy: createPrivacyPort({ database, config }),
        documents: createDocumentsPort({ prisma, knowledge: loaded.knowledge, directories: loaded.directories, uploadDirectory: loaded.uploadDirectory }),
        verifyTeamsToken: createTeamsTokenVerifier({
          clientId: config.TEAMS_SSO_CLIENT_ID ?? config.MicrosoftAppId,
          tenantId: config.TEAMS_SSO_TENANT_ID ?? config.MicrosoftAppTenantId,
          jwksUrl: config.TEAMS_SSO_JWKS_URL,
          applicationIdUri: config.TEAMS_SSO_APP_ID_URI,
          publicBaseUrl: config.PUBLIC_BASE_URL,
        }),
      }),
    },
    { path: '/api/openapi.json', router: (_request, response) => void response.json(openApiDocument) },
    // Browsers ask every site for /favicon.ico: the app's colour icon (PNG; browsers go by the content).
    { path: '/favicon.ico', router: (_request, response) => void response.type('image/png').set('cache-control', 'public, max-age=86400').sendFile(appIconPath) },
    { path: '/advisor', router: createWebAppRouter() },
  ];
}
