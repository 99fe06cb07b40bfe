import { describe, expect, it } from 'vitest';
import {
  canonicalEntry,
  checkLink,
  entryHash,
  GENESIS_HASH,
  type ChainFields,
} from '../src/audit-chain.js';
import { canonicalJson } from '../src/json.js';

const first: ChainFields = {
  seq: 1,
  at: 1_767_225_600_000,
  actorId: 'u1',
  actorRole: 'admin',
  action: 'attendance.export',
  targetType: 'program',
  targetId: 'p1',
  requestId: 'r1',
  details: canonicalJson({ to: 2, from: 1 }),
  prevHash: GENESIS_HASH,
};

describe('audit chain', () => {
  it('serializes entries canonically', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    expect(canonicalEntry(first)).toBe(
      '["haven-audit-v1",1,1767225600000,"u1","admin","attendance.export","program","p1","r1",' +
        '"{\\"from\\":1,\\"to\\":2}","0000000000000000000000000000000000000000000000000000000000000000"]',
    );
    expect(entryHash(first)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a well-formed chain and names the first broken link', () => {
    const e1 = { ...first, hash: entryHash(first) };
    const f2 = { ...first, seq: 2, action: 'session.view', prevHash: e1.hash };
    const e2 = { ...f2, hash: entryHash(f2) };
    expect(checkLink(null, e1)).toBeNull();
    expect(checkLink({ seq: 1, hash: e1.hash }, e2)).toBeNull();

    expect(checkLink(null, { ...e1, action: 'edited' })?.seq).toBe(1);
    expect(checkLink(null, e2)).toEqual({ seq: 1, reason: 'entry 1 is missing' });
    expect(checkLink({ seq: 1, hash: e1.hash }, { ...e2, seq: 3 })).toEqual({
      seq: 2,
      reason: 'entry 2 is missing',
    });
    expect(checkLink({ seq: 1, hash: 'f'.repeat(64) }, e2)?.reason).toMatch(/previous hash/);
  });
});
