import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/processes.ts';

/**
 * docs/datenschutz.md is the register a data-protection officer reads: every model of the schema
 * has its section (`### \`Model\``) and every stored field of it is named there. A new column
 * without a line in the register fails here.
 */
async function storedFieldsByModel(): Promise<Map<string, string[]>> {
  const schema = await readFile(path.join(projectRoot, 'prisma/schema.prisma'), 'utf8');
  const models = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
  const modelNames = new Set(models.map((match) => match[1]!));
  const fields = new Map<string, string[]>();
  for (const [, name, body] of models) {
    const stored = body!
      .split('\n')
      .map((line) => line.replace(/\/\/.*$/, '').trim())
      .filter((line) => line && !line.startsWith('@@'))
      .map((line) => line.split(/\s+/))
      // Relation fields (typed by another model) hold no column of their own.
      .filter(([, type]) => type && !modelNames.has(type.replace(/[?[\]]/g, '')))
      .map(([field]) => field!);
    fields.set(name!, stored);
  }
  return fields;
}

function sectionsOf(register: string): Map<string, string> {
  const sections = new Map<string, string>();
  const parts = register.split(/^### /m).slice(1);
  for (const part of parts) {
    const heading = /^`(\w+)`/.exec(part);
    if (heading) sections.set(heading[1]!, part);
  }
  return sections;
}

describe('the register of personal data', () => {
  it('names every model and every stored field of the schema', async () => {
    const register = await readFile(path.join(projectRoot, 'docs/datenschutz.md'), 'utf8');
    const sections = sectionsOf(register);
    const fields = await storedFieldsByModel();
    expect(fields.size).toBeGreaterThan(15);
    const missing: string[] = [];
    for (const [model, names] of fields) {
      const section = sections.get(model);
      if (!section) {
        missing.push(`${model} (kein Abschnitt)`);
        continue;
      }
      for (const field of names) if (!section.includes(`\`${field}\``)) missing.push(`${model}.${field}`);
    }
    expect(missing, 'in docs/datenschutz.md nachtragen').toEqual([]);
    // No section for a model that no longer exists.
    expect([...sections.keys()].filter((model) => !fields.has(model))).toEqual([]);
  });

  it('states the retention setting of every record type the job handles, with its default', async () => {
    const register = await readFile(path.join(projectRoot, 'docs/datenschutz.md'), 'utf8');
    const config = await readFile(path.join(projectRoot, 'config.ts'), 'utf8');
    const settings = [...config.matchAll(/^\s+(RETENTION_\w+_DAYS): z\.coerce\.number\(\)\.int\(\)\.min\(0\)\.default\((\d+)\)/gm)];
    expect(settings.length).toBeGreaterThanOrEqual(6);
    for (const [, setting, days] of settings) expect(register).toMatch(new RegExp(`\`${setting}\` \\| ${days} Tage`));
  });
});
