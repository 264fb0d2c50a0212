#!/usr/bin/env node
// The `schulit` command: runs the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
