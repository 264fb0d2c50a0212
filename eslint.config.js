// Lint rules that keep the layering of ARCHITECTURE.md: SDKs stay in their folder, channels
// translate and never reach into tickets/ internals or the Prisma client.
import tseslint from 'typescript-eslint';

const sdk = {
  botbuilder: { group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'botbuilder belongs in bot/ only.' },
  mail: { group: ['imapflow', 'smtp-server', 'mailparser', 'nodemailer'], message: 'Mail libraries belong in email/ only.' },
  ai: { group: ['ai', 'ai/*', '@ai-sdk/*', 'langchain', '@langchain/*'], message: 'AI libraries belong in knowledge/ only.' },
  prisma: {
    group: ['@prisma/*', '**/prisma/client.ts', '**/prisma/generated/**', 'pglite-prisma-adapter', '@electric-sql/pglite', 'pg'],
    message: 'Channels and the engine do not touch the database; go through tickets/ or knowledge/.',
  },
  ticketInternals: {
    group: ['**/tickets/*', '!**/tickets/index.ts'],
    message: 'Channels use handlers/ (and the read-only queries exported by tickets/index.ts), not tickets/ internals.',
  },
  serverCode: {
    group: [
      '**/tickets/*', '**/handlers/*', '**/knowledge/*', '**/prisma/*', '**/email/*', '**/bot/*',
      '**/create-advisor-router.ts', '**/serve-web-app.ts', '**/openapi.ts',
      '**/main.ts', '**/server.ts', '**/config.ts', '**/errors.ts', '**/logger.ts', '**/chat/*', '**/service/*', '**/cli/*',
      'node:*', 'express', 'zod',
    ],
    message: 'The web app runs in the browser and talks to the server over HTTP only (/api/advisor).',
  },
};

const restrict = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map(({ group, message }) => ({ group, message })) }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'prisma/generated/**', 'data/**', 'scratch/**', 'advisor/web/dist/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['bot/**/*.ts'], rules: restrict(sdk.mail, sdk.ai, sdk.prisma, sdk.ticketInternals) },
  { files: ['email/**/*.ts'], rules: restrict(sdk.botbuilder, sdk.ai, sdk.prisma, sdk.ticketInternals) },
  { files: ['advisor/**/*.ts', 'advisor/**/*.tsx'], rules: restrict(sdk.botbuilder, sdk.mail, sdk.ai, sdk.prisma, sdk.ticketInternals) },
  { files: ['advisor/web/src/**/*.ts', 'advisor/web/src/**/*.tsx'], rules: restrict(sdk.botbuilder, sdk.mail, sdk.ai, sdk.prisma, sdk.serverCode) },
  { files: ['handlers/**/*.ts'], rules: restrict(sdk.botbuilder, sdk.mail, sdk.ai, sdk.prisma) },
  { files: ['chat/**/*.ts'], rules: restrict(sdk.botbuilder, sdk.mail, sdk.ai, sdk.prisma, sdk.ticketInternals) },
  {
    files: ['vocabulary/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['*', '!./*'], message: 'The vocabulary imports nothing: the web app bundles it for the browser.' }] }] },
  },
  { files: ['knowledge/**/*.ts'], rules: restrict(sdk.botbuilder, sdk.mail) },
  { files: ['tickets/**/*.ts'], rules: restrict(sdk.botbuilder, sdk.mail, sdk.ai) },
  { files: ['prisma/**/*.ts'], rules: restrict(sdk.botbuilder, sdk.mail, sdk.ai) },
  { files: ['test/**/*.ts'], rules: { 'no-console': 'off' } },
);
