import { describe, expect, it } from 'vitest';
import { deriveStay } from '../../src/attendance/derive.js';
import type { ProgramRow, SessionRow } from '../../src/attendance/types.js';
import { MIN, T0, atHome, atWork, correction, ledger, program, session } from './helpers.js';

const at = (minutes: number): number => T0 + minutes * MIN;

function derive(
  events: ReturnType<typeof ledger>,
  opts: { sess?: SessionRow; prog?: ProgramRow; now?: number } = {},
) {
  return deriveStay(events.events, {
    session: opts.sess ?? session(),
    program: opts.prog ?? program,
    now: opts.now,
  }).derived;
}

describe('presence', () => {
  it('starts no presence at an admission while the connection is lost, only once back', () => {
    const l = ledger()
      .at(-5, 'arrived')
      .at(-3, 'connection_lost')
      .at(0, 'admitted')
      .at(20, 'reconnected')
      .at(90, 'session_ended');
    const s = derive(l, { sess: session({ endedAt: at(90) }) });
    expect(s.presentIntervals).toEqual([{ from: at(20), to: at(90), end: 'session_ended' }]);
    expect(s.minutesPresent).toBe(70);
  });

  it('reads a restart written after the stay had ended as nothing', () => {
    // What earlier servers wrote into every stay at each start.
    const l = ledger().at(-2, 'arrived').at(0, 'admitted').at(60, 'left').at(600, 'server_restart');
    const s = derive(l);
    expect(s.presentIntervals).toEqual([{ from: at(0), to: at(60), end: 'left' }]);
    expect(s.endedBy).toBe('left');
  });

  it('counts nothing for someone admitted after dropping who never came back', () => {
    const l = ledger()
      .at(-5, 'arrived')
      .at(-3, 'connection_lost')
      .at(0, 'admitted')
      .at(90, 'session_ended');
    const s = derive(l, { sess: session({ endedAt: at(90) }) });
    expect(s.presentIntervals).toEqual([]);
    expect(s.minutesPresent).toBe(0);
  });

  it('merges reconnects into one stay, counting the gaps out', () => {
    const l = ledger()
      .at(-2, 'arrived')
      .at(0, 'admitted')
      .at(0, 'media_mode', { mode: 'video' })
      .at(30, 'connection_lost')
      .at(33, 'reconnected')
      .at(100, 'connection_lost')
      .at(110, 'reconnected')
      .at(180, 'left');
    const s = derive(l);
    expect(s.presentIntervals).toEqual([
      { from: at(0), to: at(30), end: 'dropped' },
      { from: at(33), to: at(100), end: 'dropped' },
      { from: at(110), to: at(180), end: 'left' },
    ]);
    expect(s.gaps).toEqual([
      { from: at(30), to: at(33), reason: 'dropped' },
      { from: at(100), to: at(110), reason: 'dropped' },
    ]);
    expect(s.minutesPresent).toBe(167);
    expect(s.minutesVideo).toBe(167);
    expect(s.drops).toBe(2);
    expect(s.arrival).toBe(at(-2));
    expect(s.admission).toBe(at(0));
    expect(s.endedBy).toBe('left');
    expect(s.leftEarly).toBe(false);
    expect(s.minutesLate).toBe(0);
  });

  it('counts time stepped out with a clinician as present', () => {
    const s = derive(
      ledger()
        .at(0, 'arrived')
        .at(1, 'admitted')
        .at(60, 'stepped_out')
        .at(90, 'returned')
        .at(180, 'session_ended', { reason: 'ended' }),
    );
    expect(s.presentIntervals).toEqual([{ from: at(1), to: at(180), end: 'session_ended' }]);
    expect(s.minutesPresent).toBe(179);
    expect(s.gaps).toEqual([]);
    expect(s.endedBy).toBe('session_ended');
  });

  it('leaves a gap while the patient is back in the waiting room, and keeps the first admission', () => {
    const s = derive(
      ledger()
        .at(-1, 'arrived')
        .at(0, 'admitted')
        .at(40, 'sent_to_waiting')
        .at(55, 'admitted')
        .at(180, 'left'),
    );
    expect(s.admission).toBe(at(0));
    expect(s.presentIntervals).toEqual([
      { from: at(0), to: at(40), end: 'waiting_room' },
      { from: at(55), to: at(180), end: 'left' },
    ]);
    expect(s.gaps).toEqual([{ from: at(40), to: at(55), reason: 'waiting_room' }]);
    expect(s.minutesPresent).toBe(165);
  });

  it('a reconnect while waiting does not count as presence', () => {
    const s = derive(
      ledger()
        .at(0, 'arrived')
        .at(5, 'connection_lost')
        .at(8, 'reconnected')
        .at(10, 'admitted')
        .at(180, 'session_ended', { reason: 'ended' }),
    );
    expect(s.presentIntervals).toEqual([{ from: at(10), to: at(180), end: 'session_ended' }]);
    expect(s.drops).toBe(1);
  });

  it('a patient sent back to the waiting room and never readmitted ended with the session', () => {
    const s = derive(
      ledger()
        .at(0, 'arrived')
        .at(0, 'admitted')
        .at(60, 'sent_to_waiting')
        .at(180, 'session_ended', { reason: 'ended' }),
      { sess: session({ endedAt: at(180) }) },
    );
    expect(s.endedBy).toBe('session_ended');
    expect(s.leftEarly).toBe(true);
    expect(s.minutesPresent).toBe(60);
  });
});

describe("the clinician's stay through a hold and a handover", () => {
  it('a lead who drops and comes back within the grace keeps one stay with a gap', () => {
    const s = derive(
      ledger()
        .at(-10, 'arrived')
        .at(-10, 'admitted')
        .at(-10, 'media_mode', { mode: 'video' })
        .at(50, 'connection_lost')
        .at(54, 'reconnected')
        .at(180, 'session_ended', { reason: 'ended' }),
    );
    expect(s.presentIntervals.map((i) => [i.from, i.to, i.end])).toEqual([
      [at(-10), at(50), 'dropped'],
      [at(54), at(180), 'session_ended'],
    ]);
    expect(s.minutesPresent).toBe(186);
    expect(s.drops).toBe(1);
    expect(s.endedBy).toBe('session_ended');
  });

  it('a lead whose hold ran out ended by dropping, not early against the actual end', () => {
    const s = derive(
      ledger()
        .at(0, 'arrived')
        .at(0, 'admitted')
        .at(50, 'connection_lost')
        .at(55, 'session_ended', { reason: 'clinician_timeout' }),
      { sess: session({ endedAt: at(55) }) },
    );
    expect(s.endedBy).toBe('dropped');
    expect(s.minutesPresent).toBe(50);
    expect(s.leftEarly).toBe(false);
    expect(s.closed).toBe(true);
  });

  it('the co-facilitator who took the lead is present throughout', () => {
    const s = derive(
      ledger().at(0, 'arrived').at(0, 'admitted').at(180, 'session_ended', { reason: 'ended' }),
    );
    expect(s.minutesPresent).toBe(180);
    expect(s.drops).toBe(0);
  });

  it('while the lead is away and the session is live, the stay stays open but claims nothing more', () => {
    const s = derive(ledger().at(0, 'arrived').at(0, 'admitted').at(50, 'connection_lost'), {
      now: at(52),
    });
    expect(s.endedBy).toBe('dropped');
    expect(s.closed).toBe(false);
    expect(s.leftEarly).toBe(false);
    expect(s.minutesPresent).toBe(50);
  });
});

describe('lateness and leaving early', () => {
  it('counts late from arrival in the waiting room, whole minutes', () => {
    const s = derive(ledger().at(12.5, 'arrived').at(20, 'admitted').at(180, 'left'));
    expect(s.minutesLate).toBe(12);
  });

  it('a patient waiting on time for a late clinician is not late', () => {
    const s = derive(ledger().at(-3, 'arrived').at(15, 'admitted').at(180, 'left'));
    expect(s.minutesLate).toBe(0);
    expect(s.admission).toBe(at(15));
  });

  it('leaving more than five minutes before the scheduled end is leaving early', () => {
    expect(derive(ledger().at(0, 'arrived').at(0, 'admitted').at(150, 'left')).leftEarly).toBe(
      true,
    );
    expect(derive(ledger().at(0, 'arrived').at(0, 'admitted').at(174.9, 'left')).leftEarly).toBe(
      true,
    );
    expect(derive(ledger().at(0, 'arrived').at(0, 'admitted').at(175, 'left')).leftEarly).toBe(
      false,
    );
    expect(derive(ledger().at(0, 'arrived').at(0, 'admitted').at(176, 'left')).leftEarly).toBe(
      false,
    );
  });

  it('measures early against the actual end when the session ended sooner', () => {
    const sess = session({ endedAt: at(120) });
    expect(
      derive(ledger().at(0, 'arrived').at(0, 'admitted').at(118, 'left'), { sess }).leftEarly,
    ).toBe(false);
    expect(
      derive(ledger().at(0, 'arrived').at(0, 'admitted').at(100, 'left'), { sess }).leftEarly,
    ).toBe(true);
  });
});

describe('media', () => {
  it('splits presence exactly by the mode in force, audio before any mode is known', () => {
    const s = derive(
      ledger()
        .at(0, 'arrived')
        .at(0, 'admitted')
        .at(10, 'media_mode', { mode: 'video' })
        .at(45, 'media_mode', { mode: 'audio' })
        .at(90, 'media_mode', { mode: 'video' })
        .at(180, 'session_ended', { reason: 'ended' }),
    );
    expect(s.minutesAudioOnly).toBe(10 + 45);
    expect(s.minutesVideo).toBe(35 + 90);
    expect(s.minutesPresent).toBe(180);
  });

  it('keeps the mode across a reconnect and does not count the gap', () => {
    const s = derive(
      ledger()
        .at(0, 'arrived')
        .at(0, 'admitted')
        .at(0, 'media_mode', { mode: 'video' })
        .at(60, 'connection_lost')
        .at(70, 'reconnected')
        .at(120, 'media_mode', { mode: 'audio' })
        .at(180, 'left'),
    );
    expect([s.minutesVideo, s.minutesAudioOnly, s.minutesPresent]).toEqual([110, 60, 170]);
  });

  it('keeps video + audio equal to the minutes present when seconds do not divide evenly', () => {
    const s = derive(
      ledger()
        .at(0, 'arrived')
        .at(0, 'admitted')
        .at(30.5, 'media_mode', { mode: 'video' })
        .at(61, 'left'),
    );
    expect(s.minutesPresent).toBe(61);
    expect(s.minutesVideo + s.minutesAudioOnly).toBe(61);
  });
});

describe('how stays end', () => {
  it('records a removal and its reason', () => {
    const s = derive(
      ledger().at(0, 'arrived').at(0, 'admitted').at(70, 'removed', { reason: 'Disruptive' }),
    );
    expect(s.endedBy).toBe('removed');
    expect(s.removedReason).toBe('Disruptive');
    expect(s.minutesPresent).toBe(70);
    expect(s.leftEarly).toBe(true);
  });

  it('closes a stay a crashed process left open at the restart, without calling it early', () => {
    const s = derive(ledger().at(0, 'arrived').at(0, 'admitted').at(95, 'server_restart'));
    expect(s.presentIntervals).toEqual([{ from: at(0), to: at(95), end: 'server_restart' }]);
    expect(s.endedBy).toBe('server_restart');
    expect(s.closed).toBe(true);
    expect(s.leftEarly).toBe(false);
    expect(s.minutesPresent).toBe(95);
  });

  it('counts an open stay up to now, and no further than the session end', () => {
    const open = derive(ledger().at(0, 'arrived').at(0, 'admitted'), { now: at(45) });
    expect(open.minutesPresent).toBe(45);
    expect(open.endedBy).toBe('open');
    expect(open.closed).toBe(false);
    const capped = derive(ledger().at(0, 'arrived').at(0, 'admitted'), {
      now: at(400),
      sess: session({ endedAt: at(100) }),
    });
    expect(capped.minutesPresent).toBe(100);
    expect(capped.endedBy).toBe('session_ended');
  });

  it('tells never admitted from denied and refused', () => {
    expect(derive(ledger().at(0, 'arrived').at(20, 'left')).endedBy).toBe('never_admitted');
    expect(derive(ledger().at(0, 'arrived').at(20, 'denied')).endedBy).toBe('denied');
    const refused = derive(ledger().at(31, 'late_arrival_refused'));
    expect(refused.endedBy).toBe('denied');
    expect(refused.minutesLate).toBe(31);
    expect(refused.modifier).toBeNull();
    expect(refused.billable).toBe(false);
  });

  it('a patient who left and came back keeps one stay', () => {
    const s = derive(
      ledger()
        .at(0, 'arrived')
        .at(0, 'admitted')
        .at(30, 'left')
        .at(40, 'arrived')
        .at(45, 'admitted')
        .at(180, 'left'),
    );
    expect(s.gaps).toEqual([{ from: at(30), to: at(45), reason: 'left' }]);
    expect(s.minutesPresent).toBe(165);
    expect(s.endedBy).toBe('left');
  });
});

describe('claim fields', () => {
  const videoStay = (minutes: number) =>
    ledger()
      .at(0, 'arrived')
      .at(0, 'admitted')
      .at(0, 'media_mode', { mode: 'video' })
      .at(minutes, 'left');
  const audioStay = (minutes: number) =>
    ledger().at(0, 'arrived').at(0, 'admitted').at(minutes, 'left');
  const claim = (
    l: ReturnType<typeof ledger>,
    checkIn: typeof atHome | null,
    prog: ProgramRow = program,
  ) => {
    const d = deriveStay(l.events, { session: session(), program: prog, checkIn }).derived;
    return { pos: d.placeOfService, modifier: d.modifier, billable: d.billable };
  };

  it('place of service 10 at home, 02 elsewhere, none without a check-in', () => {
    expect(claim(videoStay(180), atHome)).toEqual({ pos: '10', modifier: '95', billable: true });
    expect(claim(videoStay(180), atWork)).toEqual({ pos: '02', modifier: '95', billable: true });
    expect(claim(videoStay(180), null)).toEqual({ pos: null, modifier: '95', billable: true });
  });

  it('modifier 95 with video, 93 audio only, none when never present', () => {
    expect(claim(audioStay(180), atHome)).toEqual({ pos: '10', modifier: '93', billable: true });
    expect(claim(ledger().at(0, 'arrived').at(30, 'left'), atHome)).toEqual({
      pos: '10',
      modifier: null,
      billable: false,
    });
    const glimpse = ledger()
      .at(0, 'arrived')
      .at(0, 'admitted')
      .at(10, 'media_mode', { mode: 'video' });
    glimpse.at(10.5, 'media_mode', { mode: 'audio' }).at(180, 'left');
    expect(claim(glimpse, atHome).modifier).toBe('93');
    // Half a minute of video is not a minute of it on the row either.
    expect(derive(glimpse)).toMatchObject({ minutesVideo: 0, minutesAudioOnly: 180 });
  });

  it('billable from the program minimum', () => {
    expect(claim(videoStay(150), atHome).billable).toBe(true);
    expect(claim(videoStay(149.99), atHome).billable).toBe(false);
    expect(claim(videoStay(180), atHome, { ...program, minBillableMinutes: 181 }).billable).toBe(
      false,
    );
  });

  it('audio only is not billable where the program does not allow it', () => {
    const strict = { ...program, audioOnlyAllowed: false };
    expect(claim(audioStay(180), atHome, strict)).toEqual({
      pos: '10',
      modifier: '93',
      billable: false,
    });
    expect(claim(videoStay(180), atHome, strict)).toEqual({
      pos: '10',
      modifier: '95',
      billable: true,
    });
  });
});

describe('corrections', () => {
  const events = ledger()
    .at(0, 'arrived')
    .at(0, 'admitted')
    .at(0, 'media_mode', { mode: 'video' })
    .at(20, 'connection_lost')
    .at(180, 'session_ended', { reason: 'ended' }).events;
  const sess = session({ endedAt: at(180) });

  it('keeps the derived summary and overrides the effective one', () => {
    const fix = correction({
      field: 'presentIntervals',
      value: [{ from: at(0), to: at(180) }],
      reason: 'Phone audio, confirmed present',
    });
    const r = deriveStay(events, { session: sess, program, checkIn: atHome, corrections: [fix] });
    expect(r.derived.minutesPresent).toBe(20);
    expect(r.derived.billable).toBe(false);
    expect(r.derived.leftEarly).toBe(true);
    expect(r.effective.minutesPresent).toBe(180);
    expect(r.effective.minutesVideo).toBe(180);
    expect(r.effective.presentIntervals).toEqual([{ from: at(0), to: at(180), end: 'corrected' }]);
    expect(r.effective.leftEarly).toBe(false);
    expect(r.effective.billable).toBe(true);
    expect(r.effective.endedBy).toBe('dropped');
    expect(r.applied).toEqual([fix]);
    expect(r.ignored).toEqual([]);
  });

  it('the latest correction of a field wins; invalid and unknown ones are set aside', () => {
    const early = correction({ field: 'minutesPresent', value: 90, createdAt: at(200) });
    const late = correction({ field: 'minutesPresent', value: 160, createdAt: at(300) });
    const bad = correction({ field: 'minutesPresent', value: -5, createdAt: at(400) });
    const other = correction({ field: 'admittedAt', value: at(3), createdAt: at(250) });
    const r = deriveStay(events, {
      session: sess,
      program,
      corrections: [late, bad, early, other],
    });
    expect(r.effective.minutesPresent).toBe(160);
    expect(r.effective.minutesVideo).toBe(160);
    expect(r.effective.presentIntervals).toEqual(r.derived.presentIntervals);
    expect(r.effective.billable).toBe(true);
    expect(r.applied).toEqual([late]);
    expect(r.ignored).toEqual([
      { correction: early, why: 'superseded' },
      { correction: other, why: 'unknown field' },
      { correction: bad, why: 'invalid value' },
    ]);
    expect(r.derived.minutesPresent).toBe(20);
  });

  it('periods corrected after a minutes correction supersede it; minutes corrected after periods override the count', () => {
    const minutes = correction({ field: 'minutesPresent', value: 100, createdAt: at(200) });
    const periods = correction({
      field: 'presentIntervals',
      value: [{ from: at(0), to: at(60) }],
      createdAt: at(300),
    });
    const a = deriveStay(events, { session: sess, program, corrections: [minutes, periods] });
    expect(a.effective.minutesPresent).toBe(60);
    expect(a.applied).toEqual([periods]);
    const later = { ...minutes, createdAt: at(400) };
    const b = deriveStay(events, { session: sess, program, corrections: [later, periods] });
    expect(b.effective.minutesPresent).toBe(100);
    expect(b.effective.presentIntervals[0]?.to).toBe(at(60));
    expect(b.applied).toEqual([periods, later]);
  });
});
