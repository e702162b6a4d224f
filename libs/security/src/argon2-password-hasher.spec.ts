import { Argon2PasswordHasher, OWASP_ARGON2 } from './argon2-password-hasher';

describe('Argon2PasswordHasher', () => {
  const hasher = new Argon2PasswordHasher(OWASP_ARGON2);

  it('hashes with argon2id at the OWASP parameters and verifies only the right password', async () => {
    const hash = await hasher.hash('Secr3tPass');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    await expect(hasher.verify(hash, 'Secr3tPass')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'secr3tpass')).resolves.toBe(false);
  });

  it('treats a malformed stored hash as a failed check, not a crash', async () => {
    await expect(hasher.verify('not-a-hash', 'x')).resolves.toBe(false);
    await expect(hasher.verify(await hasher.dummyHash(), 'anything')).resolves.toBe(false);
  });
});
