import { randomUUID } from 'node:crypto';
import type { PrismaClient, SchoolBoardKind, SchoolType } from '../../prisma/client.ts';

/** A suffix that keeps rows of parallel tests apart on a shared database. */
export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

export async function createSchoolBoard(
  prisma: PrismaClient,
  { name = `Testträger ${uniqueSuffix()}`, kind = 'gemeinde' as SchoolBoardKind, region = 'Testregion' } = {},
) {
  return prisma.schoolBoard.create({ data: { name, kind, region } });
}

export async function createSchool(
  prisma: PrismaClient,
  {
    schoolBoardId,
    name = `Testschule ${uniqueSuffix()}`,
    schoolType = 'grundschule' as SchoolType,
    dienststellennummer = String(Math.floor(10_000_000 + Math.random() * 89_999_999)),
    ropFundingYear = 2022 as number | null,
  }: { schoolBoardId: string; name?: string; schoolType?: SchoolType; dienststellennummer?: string; ropFundingYear?: number | null },
) {
  return prisma.school.create({ data: { schoolBoardId, name, schoolType, dienststellennummer, ropFundingYear } });
}
