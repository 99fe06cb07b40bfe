import { describe, expect, it } from 'vitest';
import { RANGE_COLUMNS, ROSTER_COLUMNS, rangeCsv, rosterCsv } from '../../src/attendance/csv.js';
import { reportRows } from '../../src/attendance/reports.js';
import type { StayRecord } from '../../src/attendance/types.js';
import {
  MIN,
  T0,
  atHome,
  atWork,
  correction,
  ledger,
  patientStay,
  program,
  record,
  session,
} from './helpers.js';

/**
 * A strict RFC 4180 reader, written apart from the writer: records end in CRLF, fields
 * are quoted or not, a quote inside a quoted field is doubled, and anything else (a bare
 * CR or LF, a quote in an unquoted field, text after a closing quote) is an error.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at ${i}`);
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) fail('unterminated quoted field');
        const ch = text[i];
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += ch;
        i += 1;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') fail('quote in an unquoted field');
        field += text[i];
        i += 1;
      }
    }
    row.push(field);
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      continue;
    }
    fail(
      i >= text.length
        ? 'last record not ended by CRLF'
        : 'bare CR or LF, or text after a closing quote',
    );
  }
  return rows;
}

describe('the test reader itself', () => {
  it('reads quotes, commas and line breaks, and rejects what RFC 4180 does not allow', () => {
    expect(parseCsv('a,"b,c","d""e","f\r\ng"\r\n,\r\n')).toEqual([
      ['a', 'b,c', 'd"e', 'f\r\ng'],
      ['', ''],
    ]);
    expect(() => parseCsv('a\nb\r\n')).toThrow();
    expect(() => parseCsv('a"b\r\n')).toThrow();
    expect(() => parseCsv('"a"b\r\n')).toThrow();
    expect(() => parseCsv('a')).toThrow();
  });
});

const at = (minutes: number): number => T0 + minutes * MIN;
const TITLE = 'Relapse prevention, "evening"\nweek 2';

function fixtures(): StayRecord[] {
  const sess = session({ title: TITLE, endedAt: at(180), leadClinicianId: 'clin-1' });
  const lead = record(
    patientStay({
      id: 'stay-lead',
      subjectId: 'clin-1',
      subjectKind: 'staff',
      role: 'clinician',
      displayName: '@Dr Lee',
    }),
    sess,
    ledger()
      .at(-10, 'arrived')
      .at(-10, 'admitted')
      .at(-10, 'media_mode', { mode: 'video' })
      .at(180, 'session_ended', { reason: 'ended' }).events,
  );
  const injector = record(
    patientStay({
      id: 'stay-a',
      subjectId: 'pat-a',
      displayName: '=HYPERLINK("http://x.example","hi")',
    }),
    sess,
    ledger()
      .at(-2, 'arrived')
      .at(0, 'admitted')
      .at(0, 'media_mode', { mode: 'video' })
      .at(180, 'session_ended', { reason: 'ended' }).events,
    { checkIn: atHome },
  );
  const zoe = record(
    patientStay({ id: 'stay-b', subjectId: 'pat-b', displayName: 'Zoë Ñúñez-李' }),
    sess,
    ledger()
      .at(12.5, 'arrived')
      .at(14, 'admitted')
      .at(100, 'connection_lost')
      .at(180, 'session_ended', { reason: 'ended' }).events,
    {
      checkIn: atWork,
      corrections: [
        correction({
          stayId: 'stay-b',
          field: 'minutesPresent',
          value: 160,
          reason: 'Phone line, confirmed\r\nby the clinician',
        }),
        correction({
          stayId: 'someone-else',
          field: 'minutesPresent',
          value: 1,
          reason: 'not this stay',
        }),
      ],
    },
  );
  const signs = ['+plus', '-minus', '\ttab', '\rreturn'].map((name, n) =>
    record(
      patientStay({ id: `stay-s${n}`, subjectId: `pat-s${n}`, displayName: name }),
      sess,
      ledger().at(0, 'arrived').at(30, 'left').events,
    ),
  );
  return [zoe, injector, lead, ...signs];
}

describe('rosterCsv', () => {
  const text = rosterCsv(reportRows(fixtures(), program));

  it('is UTF-8 with a BOM and CRLF line ends', () => {
    const bytes = Buffer.from(text, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)).toBe(true);
  });

  it('reads back, by an independent reader, to exactly the rows', () => {
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, lead, ...patients] = parseCsv(text.slice(1));
    // Patients are listed by display name; compared here by id, so the check does not hang on collation.
    const rows = [header, lead, ...patients.sort((a, b) => ((a[4] ?? '') < (b[4] ?? '') ? -1 : 1))];
    const common = ['2026-03-09', TITLE, 'H0015'];
    expect(rows).toEqual([
      [...ROSTER_COLUMNS],
      [
        ...common,
        "'@Dr Lee",
        'clin-1',
        'clinician',
        '2026-03-09T17:50:00-04:00',
        '2026-03-09T17:50:00-04:00',
        '190',
        '190',
        '0',
        '0',
        'no',
        '0',
        'session_ended',
        '',
        '',
        '',
        'no',
        '',
      ],
      [
        ...common,
        '\'=HYPERLINK("http://x.example","hi")',
        'pat-a',
        'patient',
        '2026-03-09T17:58:00-04:00',
        '2026-03-09T18:00:00-04:00',
        '180',
        '180',
        '0',
        '0',
        'no',
        '0',
        'session_ended',
        '10',
        '95',
        'yes',
        'no',
        '',
      ],
      [
        ...common,
        'Zoë Ñúñez-李',
        'pat-b',
        'patient',
        '2026-03-09T18:12:30-04:00',
        '2026-03-09T18:14:00-04:00',
        '160',
        '0',
        '160',
        '12',
        'yes',
        '1',
        'dropped',
        '02',
        '93',
        'yes',
        'yes',
        'Phone line, confirmed\r\nby the clinician',
      ],
      [
        ...common,
        "'+plus",
        'pat-s0',
        'patient',
        '2026-03-09T18:00:00-04:00',
        '',
        '0',
        '0',
        '0',
        '0',
        'no',
        '0',
        'never_admitted',
        '',
        '',
        'no',
        'no',
        '',
      ],
      [
        ...common,
        "'-minus",
        'pat-s1',
        'patient',
        '2026-03-09T18:00:00-04:00',
        '',
        '0',
        '0',
        '0',
        '0',
        'no',
        '0',
        'never_admitted',
        '',
        '',
        'no',
        'no',
        '',
      ],
      [
        ...common,
        "'\ttab",
        'pat-s2',
        'patient',
        '2026-03-09T18:00:00-04:00',
        '',
        '0',
        '0',
        '0',
        '0',
        'no',
        '0',
        'never_admitted',
        '',
        '',
        'no',
        'no',
        '',
      ],
      [
        ...common,
        "'\rreturn",
        'pat-s3',
        'patient',
        '2026-03-09T18:00:00-04:00',
        '',
        '0',
        '0',
        '0',
        '0',
        'no',
        '0',
        'never_admitted',
        '',
        '',
        'no',
        'no',
        '',
      ],
    ]);
  });

  it('no cell a spreadsheet would take for a formula', () => {
    for (const row of parseCsv(text.slice(1)))
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('rangeCsv', () => {
  it('leads each stay with the Monday of its week, across the spring change', () => {
    const sunday = Date.UTC(2026, 2, 9, 3, 30); // Sunday 8 March, 23:30 EDT
    const sess = session({
      id: 'sess-sun',
      title: '+Sunday late group',
      startsAt: sunday,
      durationMinutes: 60,
      endedAt: sunday + 60 * MIN,
    });
    const stay = record(
      patientStay({ id: 'stay-sun', sessionId: 'sess-sun' }),
      sess,
      ledger(sunday).at(0, 'arrived').at(0, 'admitted').at(60, 'session_ended', { reason: 'ended' })
        .events,
      { checkIn: atHome },
    );
    const rows = parseCsv(
      rangeCsv(reportRows([stay, ...fixtures().slice(1, 2)], program)).slice(1),
    );
    expect(rows[0]).toEqual([...RANGE_COLUMNS]);
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['2026-03-02', '2026-03-08', "'+Sunday late group"],
      ['2026-03-09', '2026-03-09', TITLE],
    ]);
    expect(rows[1]?.slice(7, 9)).toEqual([
      '2026-03-08T23:30:00-04:00',
      '2026-03-08T23:30:00-04:00',
    ]);
    expect(rows[1]?.slice(-5, -1)).toEqual(['10', '93', 'no', 'no']);
  });
});
