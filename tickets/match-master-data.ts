import { foldUmlauts } from './fold-umlauts.ts';
import type { PrismaClient, School, SchoolBoard } from '../prisma/client.ts';

export interface MasterDataMatch {
  schoolBoard?: SchoolBoard;
  schools: School[];
  /** Dienststellennummern named in the text, known or not. */
  dienststellennummern: string[];
  /** Four-digit years between 2019 and 2035 named in the text, in order. */
  years: number[];
}


/** Distinctive part of a school board name ("Amt Schönberger Land" -> "schoenberger land"). */
function distinctiveName(name: string): string {
  return foldUmlauts(name).replace(/^(landkreis|amt|stadt|gemeinde|hansestadt|landeshauptstadt|hanse- und universitaetsstadt)\s+/, '').trim();
}

/**
 * Finds the school board, schools, Dienststellennummern and funding years a message names,
 * against the master data. Names match case- and umlaut-insensitively; numbers exactly.
 */
export async function matchMasterData({ prisma, text }: { prisma: PrismaClient; text: string }): Promise<MasterDataMatch> {
  const folded = foldUmlauts(text);
  const dienststellennummern = [...new Set([...text.matchAll(/\b(\d{8})\b/g)].map((match) => match[1]!))];
  const years = [...text.matchAll(/\b(20(19|2\d|3[0-5]))\b/g)].map((match) => Number(match[1]));
  const byNumber = dienststellennummern.length > 0 ? await prisma.school.findMany({ where: { dienststellennummer: { in: dienststellennummern } } }) : [];
  // Every ticket turn reads the board list: one plain query (Prisma's findMany costs ~1 ms more).
  const boards = await prisma.$queryRaw<SchoolBoard[]>`SELECT * FROM "SchoolBoard"`;
  const namedBoard = boards
    .filter((board) => distinctiveName(board.name).length >= 4 && folded.includes(distinctiveName(board.name)))
    .sort((left, right) => right.name.length - left.name.length)[0];
  const schoolBoardId = namedBoard?.id ?? byNumber[0]?.schoolBoardId;
  const candidates = schoolBoardId ? await prisma.school.findMany({ where: { schoolBoardId } }) : [];
  const byName = candidates.filter((school) => folded.includes(foldUmlauts(school.name)));
  const schools = [...new Map([...byNumber, ...byName].map((school) => [school.id, school])).values()];
  const schoolBoard = boards.find((board) => board.id === schoolBoardId);
  return { schoolBoard, schools, dienststellennummern, years };
}
