// JSON shapes of /api/advisor/* as the web app reads them (see advisor/create-advisor-router.ts).

export type { AdvisorRole, BookingMode, BookingStatus, TicketCategory, TicketPriority, TicketStatus } from '../../../vocabulary/index.ts';
import type { AdvisorRole, BookingMode, BookingStatus, TicketCategory, TicketPriority, TicketStatus } from '../../../vocabulary/index.ts';

export interface CurrentAdvisor {
  id: string;
  name: string;
  email: string;
  role: AdvisorRole;
}

export interface TicketListItem {
  number: string;
  subject: string;
  category: TicketCategory;
  priority: TicketPriority;
  status: TicketStatus;
  channel: string;
  requester: { name: string | null; email: string | null };
  assignee: { id: string; name: string } | null;
  schoolBoard: string | null;
  dueAt: string | null;
  createdAt: string;
}

export interface TicketMessage {
  direction: 'in' | 'out';
  channel: string;
  text: string;
  isInternalNote: boolean;
  author: string | null;
  createdAt: string;
}

export interface TicketEvent {
  type: string;
  actorType: string;
  actorId: string | null;
  /** The advisor's name when an advisor acted. */
  actorName?: string | null;
  data: unknown;
  createdAt: string;
}

export interface TicketBooking {
  id: string;
  status: BookingStatus;
  topic: string;
  mode: BookingMode | null;
  preferredWindows: string[];
  startsAt: string | null;
  endsAt: string | null;
  meetingUrl?: string | null;
  sequence: number;
}

export interface TicketDetail extends TicketListItem {
  facts: Record<string, unknown> | null;
  missingFacts: string[];
  school: { name: string; dienststellennummer: string | null } | null;
  /** Set when this ticket was merged into another one (it is closed then). */
  mergedInto?: string | null;
  mergedTickets?: string[];
  messages: TicketMessage[];
  events: TicketEvent[];
  bookings: TicketBooking[];
}

export interface BookingListItem extends TicketBooking {
  participants: string[];
  ticket: { number: string; requesterName: string | null; requesterEmail: string | null; schoolBoard: { name: string } | null };
  advisor: { name: string } | null;
}

export interface AdvisorSummary {
  id: string;
  name: string;
  email?: string;
  role?: AdvisorRole;
}

export interface AdvisorRecord {
  id: string;
  name: string;
  email: string;
  role: AdvisorRole;
  topics: string[];
  regions: string[];
  isActive: boolean;
  teamsAadObjectId: string | null;
}

export interface CannedReply {
  id: string;
  title: string;
  body: string;
  category: string | null;
  updatedAt: string;
}

export interface Placeholder {
  name: string;
  description: string;
}

export interface KnowledgeGap {
  topic: string;
  count: number;
  examples: string[];
}

export interface KnowledgeDocument {
  key: string;
  title: string;
  sourcePath: string;
  version: number;
  chunkCount: number;
  updatedAt: string;
  versions: { version: number; contentHash: string; createdAt: string; isCurrent: boolean }[];
}

export interface IngestReport {
  added: string[];
  updated: string[];
  unchanged: string[];
  failed: { file: string; reason: string }[];
}

export type { DurationFigures, TeamFigures, WeekFigures } from '../../../vocabulary/index.ts';
