import { Argon2PasswordHasher } from '@mercato/security';
import { watchHashing } from '@mercato/testing';
import { operatorPasswordChecks } from './accounts';

describe('operator tools hash passwords like the services', () => {
  it('take the argon2 cost and ARGON2_MAX_CONCURRENCY from the environment, and never run more hashes at once', async () => {
    const { hasher } = operatorPasswordChecks({ ARGON2_MAX_CONCURRENCY: '1', ARGON2_MEMORY_KIB: '4096', ARGON2_TIME_COST: '1' });
    expect(hasher).toBeInstanceOf(Argon2PasswordHasher);
    expect(hasher.concurrency.limit).toBe(1);
    const { result: hashes, peak, waited } = await watchHashing(hasher, () => Promise.all([1, 2, 3].map((n) => hasher.hash(`Secr3tPass${n}`))));
    expect(hashes[0]).toMatch(/^\$argon2id\$v=19\$m=4096,p=1,t=1\$/);
    expect(peak).toBe(1);
    expect(waited).toBeGreaterThan(0);
  });

  it('refuse a bad setting with a message naming it', () => {
    expect(() => operatorPasswordChecks({ ARGON2_MAX_CONCURRENCY: '0' })).toThrow(/ARGON2_MAX_CONCURRENCY/);
  });
});
