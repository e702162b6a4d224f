import { Sha256RefreshTokenSecrets } from './sha256-refresh-token-secrets';

describe('Sha256RefreshTokenSecrets', () => {
  const secrets = new Sha256RefreshTokenSecrets();

  it('makes 256-bit tokens that never repeat, and stores only their SHA-256 hash', () => {
    const made = Array.from({ length: 50 }, () => secrets.create());
    expect(new Set(made.map((m) => m.token)).size).toBe(50);
    for (const { token, hash } of made) {
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).not.toContain(token);
      expect(secrets.hash(token)).toBe(hash); // a presented token finds its stored row
    }
  });

  it('hashes as SHA-256 does, so tokens stored before this class existed still match', () => {
    expect(secrets.hash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('names each new session with a fresh UUID', () => {
    const ids = Array.from({ length: 20 }, () => secrets.newFamilyId());
    expect(new Set(ids).size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
