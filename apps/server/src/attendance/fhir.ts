import type { ReportRow } from './reports.js';
import { isoLocal } from './zone.js';

/**
 * Attendance as a FHIR R4 Bundle of Encounters, one per patient stay, for exchange with
 * an EHR or billing system. Only what R4 defines is used, plus two extensions of ours
 * named by stable URNs.
 */

export const ENCOUNTER_STATUSES = [
  'planned',
  'arrived',
  'triaged',
  'in-progress',
  'onleave',
  'finished',
  'cancelled',
  'entered-in-error',
  'unknown',
] as const;
export type EncounterStatus = (typeof ENCOUNTER_STATUSES)[number];

export const SYSTEMS = {
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  confidentiality: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
  /** HCPCS Level II as HL7 Terminology names it (the http form is the canonical one). */
  hcpcs: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  /** CPT, which defines the telehealth modifiers 95 and 93. */
  cpt: 'http://www.ama-assn.org/go/cpt',
  ucum: 'http://unitsofmeasure.org',
  /** Our own: the stay id, which stays stable across exports. */
  stay: 'urn:haven:attendance-stay',
} as const;

/** Extension carrying the telehealth modifier (valueCoding, CPT). */
export const MODIFIER_EXTENSION = 'urn:haven:fhir:StructureDefinition:telehealth-modifier';

const HCPCS_DISPLAY: Readonly<Record<string, string>> = {
  H0015:
    'Alcohol and/or drug services; intensive outpatient (treatment program that operates at least 3 hours/day and at least 3 days/week and is based on an individualized treatment plan), including assessment, counseling; crisis intervention, and activity therapies or education',
  S9480: 'Intensive outpatient psychiatric services, per diem',
};

const PLACE_OF_SERVICE: Readonly<Record<string, string>> = {
  '02': "Telehealth Provided Other than in Patient's Home",
  '10': "Telehealth Provided in Patient's Home",
};

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface CodeableConcept {
  coding: Coding[];
  text?: string;
}

export interface Reference {
  reference?: string;
  display?: string;
}

export interface Meta {
  security: Coding[];
}

export interface Encounter {
  resourceType: 'Encounter';
  id?: string;
  meta: Meta;
  extension?: { url: string; valueCoding: Coding }[];
  identifier: { use: 'official'; system: string; value: string }[];
  status: EncounterStatus;
  class: Coding;
  type: CodeableConcept[];
  subject: Reference;
  participant?: { type: CodeableConcept[]; individual: Reference }[];
  period?: { start: string; end?: string };
  length?: { value: number; unit: 'min'; system: string; code: 'min' };
  location?: { location: Reference }[];
}

export interface Bundle {
  resourceType: 'Bundle';
  meta: Meta;
  type: 'collection';
  timestamp: string;
  entry: { fullUrl?: string; resource: Encounter }[];
}

export interface FhirOptions {
  /** When the export was made: Bundle.timestamp. */
  generatedAt: number;
  /** Label the records as protected by 42 CFR Part 2 (substance-use treatment). */
  part2?: boolean;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Restricted, always: this is behavioral-health treatment; and Part 2 where it applies. */
function securityLabels(part2: boolean): Coding[] {
  const labels: Coding[] = [{ system: SYSTEMS.confidentiality, code: 'R', display: 'restricted' }];
  if (part2) {
    labels.push({ system: SYSTEMS.actCode, code: '42CFRPart2' });
    labels.push({
      system: SYSTEMS.actCode,
      code: 'ETH',
      display: 'substance abuse information sensitivity',
    });
  }
  return labels;
}

/**
 * Never present: 'cancelled' once the stay closed, 'arrived' while still waiting.
 * Present at some point: 'finished' once closed, 'in-progress' until then.
 */
function statusOf(row: ReportRow): EncounterStatus {
  const e = row.result.effective;
  const present = e.presentIntervals.length > 0 || e.minutesPresent > 0;
  if (!present) return e.closed ? 'cancelled' : 'arrived';
  return e.closed ? 'finished' : 'in-progress';
}

export function encounterOf(row: ReportRow, part2 = false): Encounter {
  const e = row.result.effective;
  const tz = row.program.timeZone;
  const status = statusOf(row);
  const code = row.program.billingCode;
  const display = HCPCS_DISPLAY[code];
  const encounter: Encounter = {
    resourceType: 'Encounter',
    ...(FHIR_ID.test(row.stay.id) ? { id: row.stay.id } : {}),
    meta: { security: securityLabels(part2) },
    identifier: [{ use: 'official', system: SYSTEMS.stay, value: row.stay.id }],
    status,
    class: { system: SYSTEMS.actCode, code: 'VR', display: 'virtual' },
    type: [
      {
        coding: [{ system: SYSTEMS.hcpcs, code, ...(display ? { display } : {}) }],
        text: row.program.name,
      },
    ],
    subject: { reference: `Patient/${row.stay.subjectId}` },
  };
  if (e.modifier) {
    encounter.extension = [
      { url: MODIFIER_EXTENSION, valueCoding: { system: SYSTEMS.cpt, code: e.modifier } },
    ];
  }
  const lead = row.session.leadClinicianId;
  if (lead) {
    encounter.participant = [
      {
        type: [
          {
            coding: [
              { system: SYSTEMS.participationType, code: 'PPRF', display: 'primary performer' },
            ],
          },
        ],
        individual: { reference: `Practitioner/${lead}` },
      },
    ];
  }
  const first = e.presentIntervals[0];
  const last = e.presentIntervals.at(-1);
  if (first && last && status !== 'cancelled') {
    encounter.period = {
      start: isoLocal(first.from, tz),
      ...(status === 'finished' ? { end: isoLocal(last.to, tz) } : {}),
    };
  }
  if (status === 'finished') {
    encounter.length = { value: e.minutesPresent, unit: 'min', system: SYSTEMS.ucum, code: 'min' };
  }
  if (e.placeOfService) {
    const pos = e.placeOfService;
    encounter.location = [
      { location: { display: `Place of service ${pos}: ${PLACE_OF_SERVICE[pos] ?? ''}`.trim() } },
    ];
  }
  return encounter;
}

/** A 'collection' Bundle of the patients' Encounters; staff stays are not encounters. */
export function fhirBundle(rows: readonly ReportRow[], opts: FhirOptions): Bundle {
  const part2 = opts.part2 ?? false;
  return {
    resourceType: 'Bundle',
    meta: { security: securityLabels(part2) },
    type: 'collection',
    timestamp: new Date(opts.generatedAt).toISOString(),
    entry: rows
      .filter((r) => r.stay.subjectKind === 'patient')
      .map((r) => ({
        ...(UUID.test(r.stay.id) ? { fullUrl: `urn:uuid:${r.stay.id.toLowerCase()}` } : {}),
        resource: encounterOf(r, part2),
      })),
  };
}
