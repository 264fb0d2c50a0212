import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'app-package');

/** The Teams app icons as Teams wants them: colour 192×192, outline 32×32 (white on transparent). */
export const appIcons = [
  { svg: 'color.svg', png: 'color.png', size: 192 },
  { svg: 'outline.svg', png: 'outline.png', size: 32 },
] as const;

/**
 * Renders the icons from their SVG sources, anti-aliased (resvg), at their exact sizes. A
 * development tool (`npm run icons`): the PNGs are committed, and a test checks they match.
 */
export async function renderAppIcons(): Promise<{ png: string; bytes: Buffer }[]> {
  const { Resvg } = await import('@resvg/resvg-js');
  return Promise.all(
    appIcons.map(async ({ svg, png, size }) => {
      const source = await readFile(path.join(packageDirectory, svg), 'utf8');
      const bytes = new Resvg(source, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
      return { png, bytes };
    }),
  );
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  for (const { png, bytes } of await renderAppIcons()) {
    await writeFile(path.join(packageDirectory, png), bytes);
    process.stdout.write(`${png}: ${bytes.length} Byte\n`);
  }
}
