#!/usr/bin/env node
// The `schulit` command: runs the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
// Output piped into `head` and the like: a closed pipe ends the command quietly.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { runCli } = await import('../cli/index.ts');
process.exitCode = await runCli(process.argv.slice(2));
