import { pathToFileURL } from 'node:url';
import { startAdminEndpoint } from './cli/admin-endpoint.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { isAppError } from './errors.ts';
import { createLogger } from './logger.ts';
import { startService, type RunningService } from './service/start-service.ts';

/** `npm start`: configuration, the service, and the signals that stop it. The wiring is in service/. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.LOG_LEVEL });
  // While still waiting for the database there is nothing to close gracefully.
  const stopWhileStarting = (signal: string) => {
    logger.info({ signal }, 'stopped while starting');
    process.exit(0);
  };
  process.once('SIGTERM', stopWhileStarting).once('SIGINT', stopWhileStarting);
  let service: RunningService;
  try {
    service = await startService({ config, logger });
  } catch (error) {
    if (isAppError(error)) process.stderr.write(`${error.german}\n`);
    logger.fatal(isAppError(error) ? { code: error.code } : { err: error }, 'start failed');
    process.exit(1);
  }
  const adminEndpoint = await startAdminEndpoint({ config, host: service, logger });
  process.off('SIGTERM', stopWhileStarting).off('SIGINT', stopWhileStarting);
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    Promise.all([adminEndpoint?.close(), service.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown).once('SIGINT', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
