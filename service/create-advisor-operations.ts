import type { AdvisorOperations } from '../advisor/advisor-operations.ts';
import type { PrismaClient } from '../prisma/client.ts';
import * as tickets from '../tickets/index.ts';

export interface AdvisorAccountSettings {
  /** Lifetime of a newly issued token (ADVISOR_TOKEN_TTL_DAYS). */
  tokenTtlDays: number;
  /** Bind a Teams SSO identity to an unbound account by its sign-in address (TEAMS_SSO_BIND_BY_EMAIL). */
  bindTeamsIdentityByEmail: boolean;
}

/** The advisors' workspace operations, bound to one database. */
export function createAdvisorOperations(prisma: PrismaClient, { tokenTtlDays, bindTeamsIdentityByEmail }: AdvisorAccountSettings): AdvisorOperations {
  return {
    findAdvisorByToken: (token) => tickets.findAdvisorByToken({ prisma, token }),
    findAdvisorByTeamsIdentity: (identity) => tickets.findAdvisorByTeamsIdentity({ prisma, ...identity, bindByEmail: bindTeamsIdentityByEmail }),
    listAdvisors: (includeInactive = false, includeTeamsIdentity = false) => tickets.listAllAdvisors({ prisma, includeInactive, includeTeamsIdentity }),
    createAdvisor: (input) => tickets.createAdvisor({ prisma, input, tokenTtlDays }),
    updateAdvisor: (id, changes) => tickets.updateAdvisor({ prisma, id, changes }),
    issueAdvisorToken: (id, label) => tickets.issueAdvisorToken({ prisma, id, ttlDays: tokenTtlDays, label }),
    listAdvisorTokens: (advisorId) => tickets.listAdvisorTokens({ prisma, advisorId }),
    revokeAdvisorToken: (advisorId, tokenId) => tickets.revokeAdvisorToken({ prisma, advisorId, tokenId }),
    mergeTickets: (sourceNumber, targetNumber, advisorId) => tickets.mergeTickets({ prisma, sourceNumber, targetNumber, advisorId }),
    cannedReplyPlaceholders: tickets.cannedReplyPlaceholders,
    listCannedReplies: () => tickets.listCannedReplies({ prisma }),
    createCannedReply: (input, advisorId) => tickets.createCannedReply({ prisma, input, advisorId }),
    updateCannedReply: (id, input) => tickets.updateCannedReply({ prisma, id, input }),
    deleteCannedReply: (id) => tickets.deleteCannedReply({ prisma, id }),
    renderCannedReply: (id, ticketNumber, advisorName) => tickets.renderCannedReply({ prisma, id, ticketNumber, advisorName }),
    listTickets: (filter, page = {}) => tickets.listTickets({ prisma, filter, ...page }),
    getTicketDetail: (number) => tickets.getTicketDetail({ prisma, number }),
    claimTicket: (ticketNumber, advisorId) => tickets.claimTicket({ prisma, ticketNumber, advisorId }),
    assignTicket: (ticketNumber, advisorId, actorId) => tickets.assignTicket({ prisma, ticketNumber, advisorId, actorId }),
    updateTicketStatus: (ticketNumber, status, advisorId) => tickets.updateTicketStatus({ prisma, ticketNumber, status, actor: { type: 'advisor', id: advisorId } }),
    updateTicketFields: (ticketNumber, fields, advisorId) => tickets.updateTicketFields({ prisma, ticketNumber, ...fields, advisorId }),
    addReply: (ticketNumber, text, advisor) => tickets.addTicketMessage({ prisma, ticketNumber, direction: 'out', text, author: { type: 'advisor', ...advisor } }),
    addNote: (ticketNumber, text, advisor) => tickets.addTicketMessage({ prisma, ticketNumber, direction: 'out', text, isInternalNote: true, author: { type: 'advisor', ...advisor } }),
    listBookings: (filter) => tickets.listBookings({ prisma, ...filter }),
    changeBooking: (bookingId, change) => tickets.changeBooking({ prisma, bookingId, change }),
    listKnowledgeGaps: (since) => tickets.listKnowledgeGaps({ prisma, since }),
    computeTeamFigures: (weeks) => tickets.computeTeamFigures({ prisma, weeks }),
    listFailedOutboxMessages: () => tickets.listFailedOutboxMessages({ prisma }),
    countDroppedMail: (since) => tickets.countDroppedMail({ prisma, since }),
  };
}
