import { describe, expect, it } from 'vitest';
import { fhirBundle, type Encounter } from '../../src/attendance/fhir.js';
import { reportRows } from '../../src/attendance/reports.js';
import type { StayRecord } from '../../src/attendance/types.js';
import {
  MIN,
  T0,
  atHome,
  atWork,
  ledger,
  patientStay,
  program,
  record,
  session,
} from './helpers.js';

/** Value sets of FHIR R4 and HL7 Terminology, as published; written out here, apart from the code. */
const VALUE_SETS = {
  encounterStatus: [
    'planned',
    'arrived',
    'triaged',
    'in-progress',
    'onleave',
    'finished',
    'cancelled',
    'entered-in-error',
    'unknown',
  ],
  bundleType: [
    'document',
    'message',
    'transaction',
    'transaction-response',
    'batch',
    'batch-response',
    'history',
    'searchset',
    'collection',
  ],
  actEncounterCode: [
    'AMB',
    'EMER',
    'FLD',
    'HH',
    'IMP',
    'ACUTE',
    'NONAC',
    'OBSENC',
    'PRENC',
    'SS',
    'VR',
  ],
  participantType: [
    'ADM',
    'ATND',
    'CALLBCK',
    'CON',
    'DIS',
    'ESC',
    'REF',
    'SPRF',
    'PPRF',
    'PART',
    'translator',
    'emergency',
  ],
  identifierUse: ['usual', 'official', 'temp', 'secondary', 'old'],
  confidentiality: ['U', 'L', 'M', 'N', 'R', 'V'],
  telehealthModifier: ['95', '93'],
  placeOfService: ['02', '10'],
};
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const HCPCS = 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
const FHIR_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

const at = (minutes: number): number => T0 + minutes * MIN;
const UUID_A = '0b6f8a52-3c1e-4d7a-9f00-5a1b2c3d4e5f';

function fixtures(): StayRecord[] {
  const ended = session({ endedAt: at(180), leadClinicianId: 'clin-1' });
  const live = session({ id: 'sess-live', endedAt: null, leadClinicianId: null });
  return [
    record(
      patientStay({
        id: 'stay-staff',
        subjectId: 'clin-1',
        subjectKind: 'staff',
        role: 'clinician',
        displayName: 'Dr Lee',
      }),
      ended,
      ledger().at(0, 'arrived').at(0, 'admitted').at(180, 'session_ended', { reason: 'ended' })
        .events,
    ),
    record(
      patientStay({ id: UUID_A, subjectId: 'pat-a' }),
      ended,
      ledger()
        .at(-1, 'arrived')
        .at(0, 'admitted')
        .at(0, 'media_mode', { mode: 'video' })
        .at(180, 'session_ended', { reason: 'ended' }).events,
      { checkIn: atHome },
    ),
    record(
      patientStay({ id: 'stay-audio', subjectId: 'pat-b' }),
      ended,
      ledger().at(0, 'arrived').at(5, 'admitted').at(120, 'left').events,
      { checkIn: atWork },
    ),
    record(
      patientStay({ id: 'stay-denied', subjectId: 'pat-c' }),
      ended,
      ledger().at(0, 'arrived').at(3, 'denied').events,
    ),
    record(
      patientStay({ id: 'stay-live', sessionId: 'sess-live', subjectId: 'pat-d' }),
      live,
      ledger().at(0, 'arrived').at(0, 'admitted').events,
    ),
    record(
      patientStay({ id: 'stay-waiting', sessionId: 'sess-live', subjectId: 'pat-e' }),
      live,
      ledger().at(2, 'arrived').events,
    ),
  ];
}

function bundle(part2 = false) {
  return fhirBundle(reportRows(fixtures(), program, { now: at(60) }), {
    generatedAt: at(200),
    part2,
  });
}

const byIdentifier = (encounters: Encounter[], stayId: string): Encounter => {
  const e = encounters.find((x) => x.identifier[0]?.value === stayId);
  if (!e) throw new Error(`no encounter for ${stayId}`);
  return e;
};

/** Every coding anywhere in the resource, with its system. */
function codings(
  value: unknown,
  out: { system: string; code: string }[] = [],
): { system: string; code: string }[] {
  if (Array.isArray(value)) for (const v of value) codings(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.system === 'string' && typeof o.code === 'string')
      out.push({ system: o.system, code: o.code });
    for (const v of Object.values(o)) codings(v, out);
  }
  return out;
}

describe('fhirBundle', () => {
  it('is a collection Bundle of one Encounter per patient stay', () => {
    const b = bundle();
    expect(b.resourceType).toBe('Bundle');
    expect(VALUE_SETS.bundleType).toContain(b.type);
    expect(b.type).toBe('collection');
    expect(b.timestamp).toMatch(FHIR_DATE_TIME);
    expect(b.entry).toHaveLength(5);
    expect(b.entry.map((e) => e.resource.subject.reference)).not.toContain('Patient/clin-1');
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
  });

  it('every Encounter carries the elements R4 requires, with values from their value sets', () => {
    for (const { resource: e, fullUrl } of bundle().entry) {
      expect(e.resourceType).toBe('Encounter');
      expect(VALUE_SETS.encounterStatus).toContain(e.status);
      expect(e.class.system).toBe(ACT_CODE);
      expect(VALUE_SETS.actEncounterCode).toContain(e.class.code);
      expect(e.class.code).toBe('VR');
      if (e.id !== undefined) expect(e.id).toMatch(FHIR_ID);
      if (fullUrl !== undefined) expect(fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(e.subject.reference).toMatch(/^Patient\/[A-Za-z0-9\-.]{1,64}$/);
      expect(e.type[0]?.coding[0]).toMatchObject({ system: HCPCS, code: 'H0015' });
      expect(e.type[0]?.coding[0]?.display).toMatch(
        /^Alcohol and\/or drug services; intensive outpatient/,
      );
      for (const id of e.identifier) expect(VALUE_SETS.identifierUse).toContain(id.use);
      for (const p of e.participant ?? []) {
        for (const t of p.type)
          for (const c of t.coding) expect(VALUE_SETS.participantType).toContain(c.code);
        expect(p.individual.reference).toMatch(/^Practitioner\//);
      }
      if (e.period) {
        expect(e.period.start).toMatch(FHIR_DATE_TIME);
        if (e.period.end)
          expect(Date.parse(e.period.end)).toBeGreaterThanOrEqual(Date.parse(e.period.start));
      }
      if (e.length) {
        expect(e.length).toMatchObject({
          system: 'http://unitsofmeasure.org',
          code: 'min',
          unit: 'min',
        });
        expect(Number.isInteger(e.length.value)).toBe(true);
      }
      for (const x of e.extension ?? [])
        expect(VALUE_SETS.telehealthModifier).toContain(x.valueCoding.code);
      for (const c of codings(e.meta)) expect(VALUE_SETS.confidentiality).toContain(c.code);
    }
  });

  it('maps each stay to its status, period, length, place of service and modifier', () => {
    const encounters = bundle().entry.map((x) => x.resource);
    const video = byIdentifier(encounters, UUID_A);
    expect(video).toMatchObject({
      id: UUID_A,
      status: 'finished',
      subject: { reference: 'Patient/pat-a' },
      participant: [{ individual: { reference: 'Practitioner/clin-1' } }],
      period: { start: '2026-03-09T18:00:00-04:00', end: '2026-03-09T21:00:00-04:00' },
      length: { value: 180 },
      location: [
        { location: { display: "Place of service 10: Telehealth Provided in Patient's Home" } },
      ],
      extension: [{ valueCoding: { code: '95' } }],
    });
    const audio = byIdentifier(encounters, 'stay-audio');
    expect(audio).toMatchObject({
      status: 'finished',
      length: { value: 115 },
      extension: [{ valueCoding: { code: '93' } }],
    });
    expect(audio.location?.[0]?.location.display).toMatch(/^Place of service 02: /);
    const denied = byIdentifier(encounters, 'stay-denied');
    expect(denied.status).toBe('cancelled');
    expect(denied.period).toBeUndefined();
    expect(denied.length).toBeUndefined();
    expect(denied.extension).toBeUndefined();
    const live = byIdentifier(encounters, 'stay-live');
    expect(live.status).toBe('in-progress');
    expect(live.period).toEqual({ start: '2026-03-09T18:00:00-04:00' });
    expect(live.participant).toBeUndefined();
    expect(byIdentifier(encounters, 'stay-waiting').status).toBe('arrived');
  });

  it('labels the records restricted, and as 42 CFR Part 2 when asked', () => {
    const plain = bundle();
    expect(codings(plain.meta)).toEqual([
      { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' },
    ]);
    const part2 = bundle(true);
    expect(codings(part2.meta)).toEqual([
      { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' },
      { system: ACT_CODE, code: '42CFRPart2' },
      { system: ACT_CODE, code: 'ETH' },
    ]);
    for (const { resource } of part2.entry) expect(resource.meta).toEqual(part2.meta);
  });
});
