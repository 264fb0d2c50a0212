import type { EngineDeps } from '../handlers/engine-deps.ts';
import { classifyWithModel } from '../knowledge/classify-with-model.ts';
import type { AiModels } from '../knowledge/create-ai-models.ts';
import type { KnowledgeService } from '../knowledge/knowledge-service.ts';
import { recordAnswer, recordAnswerFeedback } from '../knowledge/record-answer.ts';
import type { Logger } from '../logger.ts';
import type { Database } from '../prisma/client.ts';
import * as tickets from '../tickets/index.ts';

export interface CreateEngineDepsOptions {
  database: Database;
  knowledge: KnowledgeService;
  models?: AiModels;
  mail: EngineDeps['mail'];
  logger?: Logger;
}

/** The engine's collaborators, bound to the real database, knowledge base and (optional) model. */
export function createEngineDeps({ database, knowledge, models = {}, mail, logger }: CreateEngineDepsOptions): EngineDeps {
  const { prisma, sql } = database;
  const chat = models.chat;
  return {
    knowledge,
    mail,
    classifyWithModel: chat?.sendContext === 'message' ? (text) => classifyWithModel({ model: chat.languageModel, text, timeoutMs: chat.timeoutMs }) : undefined,
    recordAnswer: (entry) => recordAnswer({ sql, ...entry }),
    recordFeedback: (options) => recordAnswerFeedback({ prisma, ...options }),
    reportError: (error, context) => logger?.error({ err: error, ...context }, 'engine recovered from an unexpected error'),
    tickets: {
      identifyRequester: (options) => tickets.identifyRequester({ prisma, sql, ...options }),
      loadConversation: (options) => tickets.loadConversation({ sql, ...options }),
      saveConversationState: (options) => tickets.saveConversationState({ prisma, ...options }),
      matchMasterData: (options) => tickets.matchMasterData({ prisma, ...options }),
      findTicketStatus: (options) => tickets.findTicketStatus({ prisma, ...options }),
      createTicket: (options) => tickets.createTicket({ prisma, ...options }),
      createBooking: (options) => tickets.createBooking({ prisma, ...options }),
      addTicketMessage: (options) => tickets.addTicketMessage({ prisma, ...options }),
      claimTicket: (options) => tickets.claimTicket({ prisma, ...options }),
      markInboundProcessed: (options) => tickets.markInboundProcessed({ prisma, ...options }),
      releaseInboundMessage: (options) => tickets.releaseInboundMessage({ prisma, ...options }),
      isInboundProcessed: (options) => tickets.isInboundProcessed({ prisma, ...options }),
      findTicketForMail: (options) => tickets.findTicketForMail({ prisma, ...options }),
      isContactOfSchoolBoard: (options) => tickets.isContactOfSchoolBoard({ prisma, ...options }),
      recordDeliveryFailure: (options) => tickets.recordDeliveryFailure({ prisma, ...options }),
      countAutomaticMailsSince: (options) => tickets.countAutomaticMailsSince({ prisma, ...options }),
      storeConversationReference: (options) => tickets.storeConversationReference({ prisma, ...options }),
      registerAdvisorChannel: (options) => tickets.registerAdvisorChannel({ prisma, ...options }),
      findAdvisorByTeamsUser: (options) => tickets.findAdvisorByTeamsUser({ prisma, ...options }),
      findChatSession: (options) => tickets.findChatSession({ prisma, ...options }),
      startChatVerification: (options) => tickets.startChatVerification({ prisma, ...options }),
      confirmChatVerification: (options) => tickets.confirmChatVerification({ prisma, ...options }),
      listConversationReplies: (options) => tickets.listConversationReplies({ prisma, ...options }),
    },
  };
}
