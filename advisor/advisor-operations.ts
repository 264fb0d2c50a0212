import type * as tickets from '../tickets/index.ts';
import type { AdvisorChanges, BookingListFilter, CannedReplyInput, TicketFilter, TicketSort } from '../tickets/index.ts';
import type { TicketCategory, TicketPriority, TicketStatus } from '../vocabulary/index.ts';

type Result<Operation extends (...args: never[]) => unknown> = Awaited<ReturnType<Operation>>;
type AdvisorInput = Parameters<typeof tickets.createAdvisor>[0]['input'];
type BookingChange = Parameters<typeof tickets.changeBooking>[0]['change'];
type Author = { id: string; name: string; email: string };

/** What the advisors' workspace reads and does; `service/` binds the tickets operations to the database. */
export interface AdvisorOperations {
  findAdvisorByToken(token: string): Promise<Result<typeof tickets.findAdvisorByToken>>;
  findAdvisorByTeamsIdentity(identity: { objectId: string; email?: string }): Promise<Result<typeof tickets.findAdvisorByTeamsIdentity>>;
  listAdvisors(includeInactive?: boolean, includeTeamsIdentity?: boolean): Promise<Result<typeof tickets.listAllAdvisors>>;
  createAdvisor(input: AdvisorInput): Promise<Result<typeof tickets.createAdvisor>>;
  updateAdvisor(id: string, changes: AdvisorChanges): Promise<Result<typeof tickets.updateAdvisor>>;
  issueAdvisorToken(id: string, label?: string): Promise<Result<typeof tickets.issueAdvisorToken>>;
  listAdvisorTokens(advisorId: string): Promise<Result<typeof tickets.listAdvisorTokens>>;
  revokeAdvisorToken(advisorId: string, tokenId: string): Promise<void>;
  mergeTickets(sourceNumber: string, targetNumber: string, advisorId: string): Promise<Result<typeof tickets.mergeTickets>>;
  cannedReplyPlaceholders: typeof tickets.cannedReplyPlaceholders;
  listCannedReplies(): Promise<Result<typeof tickets.listCannedReplies>>;
  createCannedReply(input: CannedReplyInput, advisorId: string): Promise<Result<typeof tickets.createCannedReply>>;
  updateCannedReply(id: string, input: Partial<CannedReplyInput>): Promise<Result<typeof tickets.updateCannedReply>>;
  deleteCannedReply(id: string): Promise<Result<typeof tickets.deleteCannedReply>>;
  renderCannedReply(id: string, ticketNumber: string, advisorName: string): Promise<Result<typeof tickets.renderCannedReply>>;
  listTickets(filter: TicketFilter, page?: { sort?: TicketSort; cursor?: string; limit?: number }): Promise<Result<typeof tickets.listTickets>>;
  getTicketDetail(number: string): Promise<Result<typeof tickets.getTicketDetail>>;
  claimTicket(ticketNumber: string, advisorId: string): Promise<Result<typeof tickets.claimTicket>>;
  assignTicket(ticketNumber: string, advisorId: string, actorId: string): Promise<Result<typeof tickets.assignTicket>>;
  updateTicketStatus(ticketNumber: string, status: TicketStatus, advisorId: string): Promise<Result<typeof tickets.updateTicketStatus>>;
  updateTicketFields(ticketNumber: string, fields: { category?: TicketCategory; priority?: TicketPriority }, advisorId: string): Promise<Result<typeof tickets.updateTicketFields>>;
  addReply(ticketNumber: string, text: string, advisor: Author): Promise<Result<typeof tickets.addTicketMessage>>;
  addNote(ticketNumber: string, text: string, advisor: Author): Promise<Result<typeof tickets.addTicketMessage>>;
  listBookings(filter: BookingListFilter): Promise<Result<typeof tickets.listBookings>>;
  changeBooking(bookingId: string, change: BookingChange): Promise<Result<typeof tickets.changeBooking>>;
  listKnowledgeGaps(since: Date): Promise<Result<typeof tickets.listKnowledgeGaps>>;
  computeTeamFigures(weeks: number): Promise<Result<typeof tickets.computeTeamFigures>>;
  listFailedOutboxMessages(): Promise<Result<typeof tickets.listFailedOutboxMessages>>;
  countDroppedMail(since: Date): Promise<Result<typeof tickets.countDroppedMail>>;
}
