import type { PersonQuery } from '../tickets/index.ts';

/** Access and erasure requests (Art. 15 and 17 DSGVO); `service/` binds them to the database and the attachment store. */
export interface PrivacyOperations {
  preview(person: PersonQuery): Promise<{
    tickets: { number: string; subject: string; status: string; legalHold: boolean; createdAt: Date; closedAt: Date | null }[];
    messagesElsewhere: number;
    conversations: number;
    contacts: number;
    outbox: number;
    /** Other people's tickets that mention the address or name; an erasure replaces the mentions. */
    mentionedIn: string[];
  }>;
  export(person: PersonQuery): Promise<{ zip: Buffer; counts: { tickets: number; conversations: number; attachments: number } }>;
  erase(person: PersonQuery, advisorId?: string): Promise<Record<string, number | string[]>>;
  setLegalHold(ticketNumber: string, hold: boolean, reason?: string, advisorId?: string): Promise<{ number: string; legalHold: boolean }>;
}
