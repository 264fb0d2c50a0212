import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package's CommonJS build, loaded synchronously on first use instead of with every start of the
 * service: for libraries only some requests need (CSV, YAML front matter, phone numbers for text
 * sent to an LLM). Each costs 20-90 ms to load.
 */
export function lazily<Module>(specifier: string): () => Module {
  let loaded: Module | undefined;
  return () => (loaded ??= require(specifier) as Module);
}
