import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '../prisma/client.ts';
import { importSchoolBoards } from './import-school-boards.ts';
import { importSchools } from './import-schools.ts';
import { projectRoot } from '../project-root.ts';

const seedDirectory = path.join(projectRoot, 'prisma', 'seed');

/**
 * Loads the sample master data into an empty database (no school boards yet); does nothing
 * otherwise, so real master data is never mixed with samples.
 */
export async function seedSampleData({ prisma }: { prisma: PrismaClient }): Promise<{ isSeeded: boolean }> {
  if ((await prisma.schoolBoard.count()) > 0) return { isSeeded: false };
  await importSchoolBoards({ prisma, content: await readFile(path.join(seedDirectory, 'beispiel-schultraeger.csv')) });
  await importSchools({ prisma, content: await readFile(path.join(seedDirectory, 'beispiel-schulen.csv')) });
  return { isSeeded: true };
}
