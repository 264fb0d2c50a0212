import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { advisorRoles, bookingModes, bookingStatuses, categories, channels, priorities, ticketStatuses } from '../vocabulary/index.ts';
import { projectRoot } from './helpers/processes.ts';

/** The values of one enum in schema.prisma. */
async function prismaEnum(name: string): Promise<string[]> {
  const schema = await readFile(path.join(projectRoot, 'prisma/schema.prisma'), 'utf8');
  const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema)?.[1] ?? '';
  return body.split('\n').map((line) => line.trim()).filter(Boolean);
}

describe('the vocabulary', () => {
  it.each([
    ['Channel', channels],
    ['TicketCategory', categories],
    ['TicketPriority', priorities],
    ['TicketStatus', ticketStatuses],
    ['BookingStatus', bookingStatuses],
    ['BookingMode', bookingModes],
    ['AdvisorRole', advisorRoles],
  ])('declares exactly the codes of the database enum %s', async (name, codes) => {
    expect(await prismaEnum(name)).toEqual(codes);
  });

  it('is the only place web app and server take labels from', async () => {
    const webLabels = await readFile(path.join(projectRoot, 'advisor/web/src/labels.ts'), 'utf8');
    expect(webLabels).toContain("from '../../../vocabulary/index.ts'");
    expect(webLabels).not.toMatch(/:\s*'[A-ZÄÖÜ][^']*',/);
  });
});
