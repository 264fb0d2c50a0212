import type { TicketCategory, TicketPriority, TicketStatus } from '../prisma/client.ts';

/** What the engine and the channels need to know of a ticket after an operation. */
export interface TicketSummary {
  id: string;
  number: string;
  category: TicketCategory;
  priority: TicketPriority;
  status: TicketStatus;
  dueAt: Date | null;
}
