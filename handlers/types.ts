/** The channel-neutral shapes every channel translates to and from (ARCHITECTURE.md). */

import type { StoredAttachment as MailAttachment } from '../tickets/index.ts';
import type { ChannelCode, Intent } from '../vocabulary/index.ts';

export type { ChannelCode, Intent };

export interface SenderIdentity {
  /** Channel user id (API user id, Teams user id). */
  id?: string;
  /** Entra ID (AAD) object id of a Teams user. */
  aadObjectId?: string;
  email?: string;
  name?: string;
  /**
   * Whether the channel vouches for this identity: a Teams activity botbuilder validated, a mail
   * whose sender check did not fail, a chat caller who proved the address by a mailed code or
   * whose trusted integration vouches for it. Otherwise the identity is only claimed: it gets
   * answers from the knowledge base and may open a ticket, but learns nothing about tickets.
   */
  isProven?: boolean;
}

export interface InboundMessage {
  channel: ChannelCode;
  sender: SenderIdentity;
  /** Teams conversation id, email thread key or API conversationId. */
  conversationKey: string;
  /** The channel issued `conversationKey` for this message (a new HTTP chat): no stored conversation is expected. */
  isNewConversation?: boolean;
  /** Message text; for email with quotes and signature stripped. */
  text: string;
  attachments?: { name: string; contentType: string; size: number }[];
  /** A ticket number the message refers to (e.g. from an email subject). */
  ticketReference?: string;
  /** Channel message id (Teams activity id, email Message-ID) for dedupe. */
  externalId?: string;
  /** What only a mail has: headers, envelope and machine-mail signals the mail policy decides on. */
  mail?: MailFacts;
}

export interface ReplyCitation {
  title: string;
  section?: string;
  /** The most authoritative source of the section. */
  source?: string;
  /** "Pressebericht", "Sitzungsunterlage einer Kommune" …: set when the source is not official. */
  sourceLabel?: string;
  /** All sources of the section, most authoritative first. */
  sources?: string[];
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
  /** For mail: what became of it. */
  mail?: MailOutcome;
  /** For a knowledge answer: whether the knowledge base answered, abstained or found it off-topic. */
  answerOutcome?: 'answered' | 'abstained' | 'out_of_scope';
}

/** Why a mail was sent by a machine rather than a person (RFC 3834 and friends). */
export type AutomaticMailKind = 'auto_reply' | 'bounce' | 'bulk' | 'loop' | 'report';

/** The facts of a mail the engine needs beyond its text (filled by email/ from the parsed MIME). */
export interface MailFacts {
  messageId: string;
  inReplyTo?: string;
  references: string[];
  subject: string;
  /** The whole body as received (quotes included); the message text is the new part only. */
  fullText: string;
  automatic: AutomaticMailKind | null;
  /** The signals that decided `automatic` (recorded with a dropped mail). */
  machineSignals?: string[];
  isOutOfOffice: boolean;
  attachments: MailAttachment[];
  /** For delivery reports: the Message-IDs of the mails that could not be delivered. */
  bouncedMessageIds: string[];
  /**
   * What our relay's Authentication-Results say about the sender (DMARC, else DKIM/SPF):
   * `fail` means the From address may be forged; `unchecked` when no trusted relay reports.
   */
  senderAuthentication?: 'pass' | 'fail' | 'none' | 'unchecked';
}

/** What became of a mail, for the channel's log and the CLI ("Mail: created (SIT-…)"). */
export type MailOutcome =
  | { outcome: 'duplicate' }
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'appended'; ticketNumber: string; acknowledged: boolean }
  | { outcome: 'created'; ticketNumber: string; acknowledged: boolean };

export type { StoredAttachment as MailAttachment } from '../tickets/index.ts';
