/** An attachment as a message lists it (the file itself lies below DATA_DIR when it was stored). */
export interface StoredAttachment {
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
