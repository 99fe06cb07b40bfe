import argon2 from 'argon2';

/** argon2id with the library's current recommended cost; verification never throws on bad input. */
export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Used when an unknown email signs in, so timing does not reveal which emails exist. */
let dummyHash: Promise<string> | null = null;
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword('haven-timing-equaliser');
  return dummyHash.then((h) => verifyPassword(h, password));
}
