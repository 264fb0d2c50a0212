/** The channel-neutral shapes every channel translates to and from (ARCHITECTURE.md). */

export type ChannelCode = 'teams' | 'email' | 'api';

export type Intent = 'question' | 'ticket' | 'booking' | 'status' | 'greeting' | 'out_of_scope' | 'clarify';

export interface SenderIdentity {
  /** Channel user id (API user id, Teams user id). */
  id?: string;
  /** Entra ID (AAD) object id of a Teams user. */
  aadObjectId?: string;
  email?: string;
  name?: string;
}

export interface InboundMessage {
  channel: ChannelCode;
  sender: SenderIdentity;
  /** Teams conversation id, email thread key or API conversationId. */
  conversationKey: string;
  /** Message text; for email with quotes and signature stripped. */
  text: string;
  attachments?: { name: string; contentType: string; size: number }[];
  /** A ticket number the message refers to (e.g. from an email subject). */
  ticketReference?: string;
  /** Channel message id (Teams activity id, email Message-ID) for dedupe. */
  externalId?: string;
}

export interface ReplyCitation {
  title: string;
  section?: string;
  source?: string;
  validFrom?: string;
  validUntil?: string;
}

export type SuggestedAction = 'open_ticket' | 'book_consultation' | 'feedback';

export interface Reply {
  text: string;
  citations: ReplyCitation[];
  suggestedActions: SuggestedAction[];
  /** Evidence record of a knowledge answer, for feedback ("Hat das geholfen?"). */
  answerId?: string;
  ticket?: { number: string; category: string; priority: string; status: string };
  booking?: { id: string; status: string };
}

export interface HandledMessage {
  intent: Intent;
  /** The message was delivered before and has been handled already. */
  isDuplicate?: boolean;
  /** Name of the advisor who claimed a case (card action "Übernehmen"). */
  claimedBy?: string;
  replies: Reply[];
  triage?: { category: string; priority: string };
  ticket?: { number: string; category: string; priority: string; status: string };
  booking?: { id: string; status: string };
}

/** Why a mail was sent by a machine rather than a person (RFC 3834 and friends). */
export type AutomaticMailKind = 'auto_reply' | 'bounce' | 'bulk' | 'loop';

/** An email as the email channel hands it over: parsed, quotes stripped, machine mail flagged. */
export interface InboundMail {
  messageId: string;
  inReplyTo?: string;
  references: string[];
  from: { address: string; name?: string };
  subject: string;
  /** The new text, without quoted history and signature. */
  text: string;
  /** The whole body as received (quotes included). */
  fullText: string;
  automatic: AutomaticMailKind | null;
  isOutOfOffice: boolean;
  attachments: MailAttachment[];
  /** For delivery reports: the Message-IDs of the mails that could not be delivered. */
  bouncedMessageIds: string[];
}

export interface MailAttachment {
  name: string;
  contentType: string;
  size: number;
  sha256?: string;
  /** Where the file was stored below DATA_DIR; absent when it was not stored (see `note`). */
  storedAt?: string;
  /** Outlook's TNEF container (winmail.dat): recognised, not unpacked. */
  isTnef?: boolean;
  note?: string;
}
