import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the project's files live (documents, migrations, the web app, the Teams package), whether
 * the code runs from the TypeScript sources (`npm run dev`, tests) or from the build in `dist/`
 * (`npm start`). Assets are never copied into `dist/`; they are read from here.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.basename(here) === 'dist' ? path.dirname(here) : here;

/** Whether this process runs the compiled JavaScript of `dist/` (then workers are started from `dist/` as well). */
export const isBuilt = path.basename(here) === 'dist';

/** A module next to the caller, as the file that exists in this mode: `./worker.ts` from the sources, `./worker.js` from `dist/`. */
export function siblingModule(name: string, callerUrl: string): URL {
  return new URL(`./${name}.${isBuilt ? 'js' : 'ts'}`, callerUrl);
}
