import { describe, expect, it } from 'vitest';
import { codeFromFragment, InvitationStore, type Invitation, type StorageLike } from './invite';

const CODE = 'k3J9dQ_x-0aBcDeFgHiJkLmNoPqRsTuVwXyZ012345';

class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

const invitation = (expiresAt = 2_000): Invitation => ({
  token: 'signed.token.value',
  expiresAt,
  inviteId: 'inv-1',
  session: { id: 's1', title: 'Relapse prevention', startsAt: 1_000, durationMinutes: 180 },
  patient: { displayName: 'Sam K.' },
});

describe('invite links', () => {
  it('reads the code from the fragment', () => {
    expect(codeFromFragment(`#${CODE}`)).toBe(CODE);
    expect(codeFromFragment(CODE)).toBe(CODE);
    expect(codeFromFragment(`#${encodeURIComponent(CODE)}%20`)).toBe(CODE);
  });

  it('refuses what cannot be a code', () => {
    expect(codeFromFragment('')).toBeNull();
    expect(codeFromFragment('#')).toBeNull();
    expect(codeFromFragment('#short')).toBeNull();
    expect(codeFromFragment('#token=abc.def.ghi.jkl.mno')).toBeNull();
    expect(codeFromFragment('#%E0%A4%A')).toBeNull();
    expect(codeFromFragment(`#${'a'.repeat(129)}`)).toBeNull();
  });
});

describe('the invitation store', () => {
  it('keeps the invitation for a reload, and forgets the pending code once exchanged', () => {
    const storage = new MemoryStorage();
    const store = new InvitationStore(storage);
    store.keepPendingCode(CODE);
    expect(store.pendingCode()).toBe(CODE);
    store.save(invitation());
    expect(store.pendingCode()).toBeNull();
    expect(new InvitationStore(storage).load(1_500)).toEqual(invitation());
  });

  it('remembers a check-in for its session only, and forgets it with the invitation', () => {
    const store = new InvitationStore(new MemoryStorage());
    store.save(invitation());
    expect(store.checkedIn('s1')).toBe(false);
    store.markCheckedIn('s1');
    expect(store.checkedIn('s1')).toBe(true);
    expect(store.checkedIn('s2')).toBe(false);
    store.clear();
    expect(store.checkedIn('s1')).toBe(false);
  });

  it('drops an expired or malformed invitation', () => {
    const storage = new MemoryStorage();
    const store = new InvitationStore(storage);
    store.save(invitation(2_000));
    expect(store.load(2_000)).toBeNull();
    expect(storage.items.size).toBe(0);
    storage.setItem('haven:invitation', '{"token":1}');
    expect(store.load(0)).toBeNull();
    storage.setItem('haven:invitation', 'not json');
    expect(store.load(0)).toBeNull();
  });

  it('works, forgetfully, when storage is blocked', () => {
    const blocked: StorageLike = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
      removeItem: () => {
        throw new Error('blocked');
      },
    };
    const store = new InvitationStore(blocked);
    store.save(invitation());
    store.keepPendingCode(CODE);
    expect(store.load(0)).toBeNull();
    expect(store.pendingCode()).toBeNull();
    expect(new InvitationStore(null).load(0)).toBeNull();
  });
});
