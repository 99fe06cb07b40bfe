import type { Role } from '@haven/protocol';
import { sql, type Selectable } from 'kysely';
import { readInChunks, withTx, type RepoContext } from '../context.js';
import { guard, notFound } from '../errors.js';
import { fromJsonText, toJsonText, type JsonObject } from '../json.js';
import type { AttendanceEventsTable, AttendanceStaysTable } from '../schema.js';
import type {
  AttendanceEvent,
  LedgerEntry,
  SessionKind,
  SessionStatus,
  Stay,
  StayWithSession,
  SubjectKind,
} from '../types.js';

export interface OpenStay {
  sessionId: string;
  /** Patient id or staff user id. */
  subjectId: string;
  subjectKind: SubjectKind;
  role: Role;
  displayName: string;
  at: number;
}

export interface NewAttendanceEvent {
  type: string;
  at: number;
  data?: JsonObject | null;
  checkInId?: string | null;
  /** The server node that saw the event. */
  nodeId?: string | null;
  /**
   * The event ends the stay (leaving, removal, the session's end): the stay is marked
   * closed with it. Any other event marks it open.
   */
  closesStay?: boolean;
}

export interface StayRange {
  /** Stays in sessions starting at or after `from` and before `to`. */
  from: number;
  to: number;
  programId?: string;
  groupId?: string;
  patientId?: string;
  /** Only the stays of patients, or only those of staff. */
  subjectKind?: SubjectKind;
}

const toStay = (r: Selectable<AttendanceStaysTable>): Stay => ({
  id: r.id,
  sessionId: r.session_id,
  subjectId: r.subject_id,
  subjectKind: r.subject_kind as SubjectKind,
  role: r.role as Role,
  displayName: r.display_name,
  firstEventAt: r.first_event_at,
  lastEventAt: r.last_event_at,
  closed: r.closed === 1,
});

const toLedgerEntry = (
  r: Pick<
    Selectable<AttendanceEventsTable>,
    'seq' | 'stay_id' | 'type' | 'at' | 'data' | 'check_in_id'
  >,
): LedgerEntry => ({
  seq: r.seq,
  stayId: r.stay_id,
  type: r.type,
  at: r.at,
  checkInId: r.check_in_id,
  data: fromJsonText<JsonObject>(r.data),
});

const bySeq = (a: { seq: number }, b: { seq: number }): number => a.seq - b.seq;

const toEvent = (r: Selectable<AttendanceEventsTable>): AttendanceEvent => ({
  ...toLedgerEntry(r),
  sessionId: r.session_id,
  nodeId: r.node_id,
});

/**
 * The attendance ledger: one stay per person per session (reconnects add events to
 * the same stay), and an append-only list of events. There is deliberately no way to
 * edit or delete an event here; corrections are recorded separately.
 */
export class AttendanceRepo {
  constructor(private readonly ctx: RepoContext) {}

  /**
   * The person's stay in the session, created on first join. A later join returns the
   * same stay and reopens it if it was closed. Safe under concurrent joins: the unique
   * (session, subject) constraint decides, and both callers get the one row.
   */
  async openStay(input: OpenStay): Promise<{ stay: Stay; created: boolean }> {
    const id = this.ctx.newId();
    const row = await guard({ notFound: 'session not found' }, () =>
      this.ctx.db
        .insertInto('attendance_stays')
        .values({
          id,
          session_id: input.sessionId,
          subject_id: input.subjectId,
          subject_kind: input.subjectKind,
          role: input.role,
          display_name: input.displayName,
          first_event_at: input.at,
          last_event_at: input.at,
          closed: 0,
        })
        .onConflict((oc) => oc.columns(['session_id', 'subject_id']).doUpdateSet({ closed: 0 }))
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return { stay: toStay(row), created: row.id === id };
  }

  async stayById(stayId: string): Promise<Stay | null> {
    const row = await this.ctx.db
      .selectFrom('attendance_stays')
      .selectAll()
      .where('id', '=', stayId)
      .executeTakeFirst();
    return row ? toStay(row) : null;
  }

  /**
   * Appends an event to a stay and widens the stay's first/last event times to include
   * it; in the same transaction the stay is marked closed if the event ends it, open if not.
   */
  async appendEvent(stayId: string, event: NewAttendanceEvent): Promise<AttendanceEvent> {
    return withTx(this.ctx, async (trx) => {
      const stay = await trx
        .selectFrom('attendance_stays')
        .select('session_id')
        .where('id', '=', stayId)
        .executeTakeFirst();
      if (!stay) throw notFound('stay');
      const row = await guard({ notFound: 'check-in not found' }, () =>
        trx
          .insertInto('attendance_events')
          .values({
            stay_id: stayId,
            session_id: stay.session_id,
            type: event.type,
            at: event.at,
            check_in_id: event.checkInId ?? null,
            data: toJsonText(event.data),
            node_id: event.nodeId ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      const at = event.at;
      await trx
        .updateTable('attendance_stays')
        .set({
          last_event_at: sql<number>`case when last_event_at < ${at} then ${at} else last_event_at end`,
          first_event_at: sql<number>`case when first_event_at > ${at} then ${at} else first_event_at end`,
          // Any other event (an arrival after leaving, say) finds the person back in it.
          closed: event.closesStay ? 1 : 0,
        })
        .where('id', '=', stayId)
        .execute();
      return toEvent(row);
    });
  }

  async eventsForSession(sessionId: string): Promise<AttendanceEvent[]> {
    const rows = await this.ctx.db
      .selectFrom('attendance_events')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('seq')
      .execute();
    return rows.map(toEvent);
  }

  async eventsForStays(stayIds: readonly string[]): Promise<AttendanceEvent[]> {
    const rows = await readInChunks(stayIds, (chunk) =>
      this.ctx.db
        .selectFrom('attendance_events')
        .selectAll()
        .where('stay_id', 'in', chunk)
        .execute(),
    );
    return rows.map(toEvent).sort(bySeq);
  }

  /**
   * The ledgers of many stays as reports read them: without the columns only recovery
   * needs (session, node), which a year's report would otherwise read thousands of times.
   * Each stay's events come as one JSON array (a week of a program: 2,000 rows instead of
   * 9,000), which both drivers hand over far faster than one object per event.
   */
  async ledgersOfStays(stayIds: readonly string[]): Promise<LedgerEntry[]> {
    return this.readLedgers(stayIds, 'stay_id');
  }

  /**
   * The ledgers of every stay of these sessions (staff's included), as `ledgersOfStays`
   * gives them: for reports that want most of their sessions' stays (a program's or a
   * group's), which a few hundred session ids find faster than thousands of stay ids.
   * PostgreSQL takes them as one array and sends plain rows, which it builds faster than
   * JSON aggregates (a week of a program: 9 ms against 20).
   */
  async ledgersOfSessions(sessionIds: readonly string[]): Promise<LedgerEntry[]> {
    if (this.ctx.dialect !== 'postgres') return this.readLedgers(sessionIds, 'session_id');
    if (sessionIds.length === 0) return [];
    const rows = await this.ctx.db
      .selectFrom('attendance_events')
      .select(['stay_id', 'seq', 'type', 'at', 'data', 'check_in_id'])
      .where(sql<boolean>`session_id = any(${[...sessionIds]})`)
      .execute();
    return rows.map(toLedgerEntry).sort(bySeq);
  }

  private async readLedgers(
    ids: readonly string[],
    column: 'stay_id' | 'session_id',
  ): Promise<LedgerEntry[]> {
    const events =
      this.ctx.dialect === 'postgres'
        ? sql<unknown>`json_agg(json_build_array(seq, type, at, data, check_in_id))`
        : sql<unknown>`json_group_array(json_array(seq, type, at, data, check_in_id))`;
    const rows = await readInChunks(ids, (chunk) =>
      this.ctx.db
        .selectFrom('attendance_events')
        .select(['stay_id', events.as('events')])
        .where(column, 'in', chunk)
        .groupBy('stay_id')
        .execute(),
    );
    const entries: LedgerEntry[] = [];
    for (const row of rows) {
      // PostgreSQL's driver parses json; SQLite gives its text.
      const list = (typeof row.events === 'string' ? JSON.parse(row.events) : row.events) as [
        number,
        string,
        number,
        string | null,
        string | null,
      ][];
      for (const [seq, type, at, data, checkInId] of list) {
        entries.push({
          seq,
          stayId: row.stay_id,
          type,
          at,
          checkInId,
          data: fromJsonText<JsonObject>(data),
        });
      }
    }
    return entries.sort(bySeq);
  }

  async staysForSession(sessionId: string): Promise<Stay[]> {
    const rows = await this.ctx.db
      .selectFrom('attendance_stays')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('first_event_at')
      .orderBy('id')
      .execute();
    return rows.map(toStay);
  }

  /**
   * The stays of these sessions (of patients or staff only, when given), without their
   * sessions: for a caller that has the sessions already. Unordered.
   */
  async staysOfSessions(sessionIds: readonly string[], subjectKind?: SubjectKind): Promise<Stay[]> {
    const rows = await readInChunks(sessionIds, (chunk) => {
      let q = this.ctx.db
        .selectFrom('attendance_stays')
        .selectAll()
        .where('session_id', 'in', chunk);
      if (subjectKind) q = q.where('subject_kind', '=', subjectKind);
      return q.execute();
    });
    return rows.map(toStay);
  }

  /** Stays of sessions starting in [from, to), with their session, for reports. */
  async staysInRange(range: StayRange): Promise<StayWithSession[]> {
    let q = this.staysWithSessions()
      .where('sessions.starts_at', '>=', range.from)
      .where('sessions.starts_at', '<', range.to);
    if (range.programId) q = q.where('sessions.program_id', '=', range.programId);
    if (range.groupId) q = q.where('sessions.group_id', '=', range.groupId);
    if (range.patientId) {
      q = q
        .where('attendance_stays.subject_id', '=', range.patientId)
        .where('attendance_stays.subject_kind', '=', 'patient');
    }
    if (range.subjectKind) q = q.where('attendance_stays.subject_kind', '=', range.subjectKind);
    if (!range.patientId && this.ctx.dialect === 'postgres') {
      // PostgreSQL's planner prices each index lookup as a disk read and scans every
      // stay ever recorded to hash-join a week's sessions (40 ms for a year of a
      // 500-patient program). Handed the week's session ids as an array, it looks up
      // their stays in the (session_id, subject_id) index instead (a few ms). A patient's
      // stays are found through the subject index either way.
      let ids = this.ctx.db
        .selectFrom('sessions')
        .select('id')
        .where('starts_at', '>=', range.from)
        .where('starts_at', '<', range.to);
      if (range.programId) ids = ids.where('program_id', '=', range.programId);
      if (range.groupId) ids = ids.where('group_id', '=', range.groupId);
      q = q.where(sql<boolean>`attendance_stays.session_id = any(array(${ids}))`);
    }
    const rows = await q
      .orderBy('sessions.starts_at')
      .orderBy('attendance_stays.first_event_at')
      .orderBy('attendance_stays.id')
      .execute();
    return rows.map(toStayWithSession);
  }

  /**
   * Stays not yet closed, with their session's status: after a restart these are the
   * people whose leave was never recorded.
   */
  async openStays(): Promise<StayWithSession[]> {
    const rows = await this.staysWithSessions()
      .where('attendance_stays.closed', '=', 0)
      .orderBy('sessions.starts_at')
      .orderBy('attendance_stays.id')
      .execute();
    return rows.map(toStayWithSession);
  }

  /** Marks a stay closed; false when it was unknown or already closed. */
  async closeStay(stayId: string): Promise<boolean> {
    const r = await this.ctx.db
      .updateTable('attendance_stays')
      .set({ closed: 1 })
      .where('id', '=', stayId)
      .where('closed', '=', 0)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Records that `nodeId` was alive at `at`, written by the process `instance`. Answers
   * the process that wrote the heartbeat this one replaces (null: none, or unnamed).
   */
  async heartbeat(
    nodeId: string,
    at: number,
    instance: string | null = null,
  ): Promise<string | null> {
    return withTx(this.ctx, async (trx) => {
      const before = await trx
        .selectFrom('attendance_heartbeats')
        .select('instance')
        .where('node_id', '=', nodeId)
        .executeTakeFirst();
      await trx
        .insertInto('attendance_heartbeats')
        .values({ node_id: nodeId, at, instance })
        .onConflict((oc) => oc.column('node_id').doUpdateSet({ at, instance }))
        .execute();
      return before?.instance ?? null;
    });
  }

  /**
   * Makes `nodeId` the host of a live session, unless another node holds it or the
   * session has ended: an ended session is not run again, by any node. Returns the host
   * after the attempt: `nodeId` when the claim holds, another node's id when that node
   * holds the session (see takeOverHost), null when the session has ended.
   */
  async claimHost(sessionId: string, nodeId: string, at: number): Promise<string | null> {
    const db = this.ctx.db;
    // Inserted from a select, so that the session's status is read in the same statement
    // as the claim (the casts give PostgreSQL the parameters' types).
    const claim = db
      .selectNoFrom([
        sql<string>`cast(${sessionId} as text)`.as('session_id'),
        sql<string>`cast(${nodeId} as text)`.as('node_id'),
        sql<number>`cast(${at} as bigint)`.as('claimed_at'),
      ])
      .where((eb) => eb.not(eb.exists(this.ended(sessionId))));
    const claimed = await db
      .insertInto('session_hosts')
      .columns(['session_id', 'node_id', 'claimed_at'])
      .expression(claim)
      .onConflict((oc) =>
        oc
          .column('session_id')
          .doUpdateSet({ node_id: nodeId, claimed_at: at })
          .where('session_hosts.node_id', '=', nodeId),
      )
      .returning('node_id')
      .executeTakeFirst();
    return claimed ? claimed.node_id : this.hostAfterRefusal(sessionId, nodeId, at);
  }

  /**
   * Takes a live session from `from`, whose heartbeat the caller has seen stand still at
   * `fromBeat` (null: it never beat) for long enough to take it for gone. The take holds
   * only while `from` still holds the session with that very heartbeat: a node that beat
   * again meanwhile keeps its session. Returns the host after the attempt, as claimHost.
   */
  async takeOverHost(
    sessionId: string,
    nodeId: string,
    at: number,
    from: string,
    fromBeat: number | null,
  ): Promise<string | null> {
    const taken = await this.ctx.db
      .updateTable('session_hosts')
      .set({ node_id: nodeId, claimed_at: at })
      .where('session_id', '=', sessionId)
      .where('node_id', '=', from)
      .where((eb) => {
        const beat = eb
          .selectFrom('attendance_heartbeats')
          .select('attendance_heartbeats.node_id')
          .where('attendance_heartbeats.node_id', '=', from);
        return eb.and([
          eb.not(eb.exists(this.ended(sessionId))),
          fromBeat === null
            ? eb.not(eb.exists(beat))
            : eb.exists(beat.where('attendance_heartbeats.at', '=', fromBeat)),
        ]);
      })
      .returning('node_id')
      .executeTakeFirst();
    return taken ? taken.node_id : this.hostAfterRefusal(sessionId, nodeId, at);
  }

  /**
   * Why a claim or a take did not hold: the session ended (null), or another node holds
   * it; released in between, it is claimed again.
   */
  private async hostAfterRefusal(
    sessionId: string,
    nodeId: string,
    at: number,
  ): Promise<string | null> {
    if (await this.ended(sessionId).executeTakeFirst()) return null;
    return (await this.hostOf(sessionId)) ?? this.claimHost(sessionId, nodeId, at);
  }

  private ended(sessionId: string) {
    return this.ctx.db
      .selectFrom('sessions')
      .select('sessions.id')
      .where('sessions.id', '=', sessionId)
      .where('sessions.status', '=', 'ended');
  }

  private async hostOf(sessionId: string): Promise<string | null> {
    const host = await this.ctx.db
      .selectFrom('session_hosts')
      .select('node_id')
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return host?.node_id ?? null;
  }

  /** The session no longer runs on `nodeId` (it ended, or the node is stopping). */
  async releaseHost(sessionId: string, nodeId: string): Promise<void> {
    await this.ctx.db
      .deleteFrom('session_hosts')
      .where('session_id', '=', sessionId)
      .where('node_id', '=', nodeId)
      .execute();
  }

  async lastHeartbeat(nodeId: string): Promise<number | null> {
    const row = await this.ctx.db
      .selectFrom('attendance_heartbeats')
      .select('at')
      .where('node_id', '=', nodeId)
      .executeTakeFirst();
    return row ? row.at : null;
  }

  async heartbeats(): Promise<{ nodeId: string; at: number }[]> {
    const rows = await this.ctx.db
      .selectFrom('attendance_heartbeats')
      .selectAll()
      .orderBy('node_id')
      .execute();
    return rows.map((r) => ({ nodeId: r.node_id, at: r.at }));
  }

  private staysWithSessions() {
    return this.ctx.db
      .selectFrom('attendance_stays')
      .innerJoin('sessions', 'sessions.id', 'attendance_stays.session_id')
      .selectAll('attendance_stays')
      .select([
        'sessions.kind as s_kind',
        'sessions.program_id as s_program_id',
        'sessions.group_id as s_group_id',
        'sessions.title as s_title',
        'sessions.starts_at as s_starts_at',
        'sessions.duration_minutes as s_duration_minutes',
        'sessions.status as s_status',
        'sessions.lead_clinician_id as s_lead_clinician_id',
        'sessions.ended_at as s_ended_at',
      ]);
  }
}

type JoinedRow = Selectable<AttendanceStaysTable> & {
  s_kind: string;
  s_program_id: string;
  s_group_id: string | null;
  s_title: string;
  s_starts_at: number;
  s_duration_minutes: number;
  s_status: string;
  s_lead_clinician_id: string;
  s_ended_at: number | null;
};

const toStayWithSession = (r: JoinedRow): StayWithSession => ({
  ...toStay(r),
  session: {
    id: r.session_id,
    kind: r.s_kind as SessionKind,
    programId: r.s_program_id,
    groupId: r.s_group_id,
    title: r.s_title,
    startsAt: r.s_starts_at,
    durationMinutes: r.s_duration_minutes,
    status: r.s_status as SessionStatus,
    leadClinicianId: r.s_lead_clinician_id,
    endedAt: r.s_ended_at,
  },
});
