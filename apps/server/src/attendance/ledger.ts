/**
 * What the live session tells the attendance ledger. Each call is persisted before
 * the action it records is acknowledged; the ledger, not the client, is the record.
 */
export const LEDGER_EVENT_TYPES = [
  'arrived', // entered the waiting room (or the room, for staff)
  'admitted',
  'media_mode', // { mode: 'video' | 'audio' }
  'connection_lost',
  'reconnected',
  'stepped_out',
  'returned',
  'sent_to_waiting',
  'removed', // { reason }
  'denied',
  'left',
  'late_arrival_refused',
  'session_ended',
  'server_restart', // written at start-up for stays the previous process left open
] as const;
export type LedgerEventType = (typeof LEDGER_EVENT_TYPES)[number];

export interface LedgerSubject {
  subjectId: string;
  subjectKind: 'patient' | 'staff';
  role: 'patient' | 'clinician' | 'admin';
  displayName: string;
}

export interface LedgerEvent {
  sessionId: string;
  subject: LedgerSubject;
  type: LedgerEventType;
  at: number;
  checkInId?: string | null;
  data?: Record<string, unknown> | null;
}

export interface Ledger {
  record(event: LedgerEvent): Promise<void>;
  /** The session has ended and will record nothing more: drop what is kept for it. */
  forget(sessionId: string): void;
}

/** For development rooms, which are not clinical sessions and keep no record. */
export const noLedger: Ledger = { record: async () => {}, forget: () => {} };
