import type { KnowledgeAnswer } from '../knowledge/knowledge-answer.ts';
import type {
  AddTicketMessageOptions,
  AdvisorIdentity,
  ChatSession,
  CreateBookingOptions,
  CreateTicketOptions,
  MailTicketReference,
  MasterDataMatch,
  RequesterProfile,
  StoredConversation,
  TicketStatusView,
  TicketSummary,
} from '../tickets/index.ts';
import type { ChannelCode, Intent } from './types.ts';

/** An operation of tickets/ with its database bound: the same options, without `prisma`. */
type Bound<Options> = Omit<Options, 'prisma'>;

/** What the engine does with tickets and conversations; `service/` binds the real operations. */
export interface TicketOperations {
  identifyRequester(options: { email?: string; teamsId?: string; name?: string }): Promise<RequesterProfile | null>;
  loadConversation(options: { channel: ChannelCode; externalKey: string; contactId?: string; isNew?: boolean }): Promise<StoredConversation>;
  saveConversationState(options: { conversation: StoredConversation; state: Record<string, unknown> | null }): Promise<void>;
  matchMasterData(options: { text: string }): Promise<MasterDataMatch>;
  findTicketStatus(options: { ticketNumber?: string; email?: string; teamsId?: string; channelUserId?: string }): Promise<TicketStatusView | null>;
  createTicket(options: Bound<CreateTicketOptions>): Promise<TicketSummary>;
  createBooking(options: Bound<CreateBookingOptions>): Promise<{ ticket: TicketSummary; booking: { id: string; status: string } }>;
  addTicketMessage(options: Bound<AddTicketMessageOptions>): Promise<unknown>;
  claimTicket(options: { ticketNumber: string; advisorId: string }): Promise<TicketSummary>;
  markInboundProcessed(options: { channel: ChannelCode; externalId: string; dropped?: { reason: string; signals: string[] } }): Promise<boolean>;
  releaseInboundMessage(options: { channel: ChannelCode; externalId: string }): Promise<void>;
  isInboundProcessed(options: { channel: ChannelCode; externalId: string }): Promise<boolean>;
  findTicketForMail(options: { ticketNumber?: string; messageIds: string[] }): Promise<MailTicketReference | null>;
  isContactOfSchoolBoard(options: { email: string; schoolBoardId: string }): Promise<boolean>;
  recordDeliveryFailure(options: { messageIds: string[]; reportMessageId: string }): Promise<string | null>;
  countAutomaticMailsSince(options: { address: string; since: Date }): Promise<number>;
  storeConversationReference(options: { channel: ChannelCode; externalKey: string; reference: Record<string, unknown> }): Promise<void>;
  registerAdvisorChannel(options: { reference: Record<string, unknown> }): Promise<void>;
  findAdvisorByTeamsUser(options: { aadObjectId: string }): Promise<AdvisorIdentity | null>;
  findChatSession(options: { conversationId: string }): Promise<ChatSession | null>;
  startChatVerification(options: { conversationId: string; email: string; from: { domain: string } }): Promise<{ expiresAt: Date }>;
  confirmChatVerification(options: { conversationId: string; code: string }): Promise<{ email: string }>;
  listConversationReplies(options: { conversationId: string; after?: Date; markSeen?: boolean }): Promise<ChatReply[]>;
}

/** An advisor's reply as the chat shows it. */
export interface ChatReply {
  ticketNumber: string;
  text: string;
  author: string | null;
  createdAt: string;
}

/** How the engine writes mail: our address, the domain of our Message-IDs, the daily cap. */
export interface MailSettings {
  ownAddress: string;
  messageIdDomain: string;
  /** Automatic mails to one address per 24 hours, at most. */
  autoRepliesPerDay: number;
}

/** What the engine needs from the layers below; `service/` wires the real ones, tests their own. */
export interface EngineDeps {
  knowledge: {
    answer(question: string): Promise<KnowledgeAnswer>;
  };
  /** Stores the evidence of an answer (question, passages, model) with its conversation. */
  recordAnswer(entry: { question: string; answer: KnowledgeAnswer; intent: Intent; conversationId?: string }): Promise<{ id: string }>;
  /** Stores "Hat das geholfen?" on an answer's evidence; false if the answer is unknown. */
  recordFeedback(options: { answerId: string; isHelpful: boolean }): Promise<boolean>;
  tickets: TicketOperations;
  mail: MailSettings;
  /** With an LLM configured: a classification whose output is already checked against the closed set. */
  classifyWithModel?: (text: string) => Promise<{ intent: Intent; hasQuestion: boolean } | null>;
  /** Reports a failure the engine recovered from (a card action that failed unexpectedly). */
  reportError?: (error: unknown, context: Record<string, unknown>) => void;
}
