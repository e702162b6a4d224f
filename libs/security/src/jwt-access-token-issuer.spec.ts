import { generateKeyPairSync } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { ACCESS_TOKEN_ALGORITHM, type AccessClaims } from '@mercato/core';
import { JwtAccessTokenIssuer } from './jwt-access-token-issuer';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const settings = { issuer: 'mercato-test', ttlSeconds: 900 };
const rest = { audience: 'mercato' };
const issuer = new JwtAccessTokenIssuer(settings, { privateKey: keys.privateKey, keyId: 'k1' });
const verify = (token: string, key = keys.publicKey, audience = rest.audience) =>
  jwt.verify(token, key, { algorithms: [ACCESS_TOKEN_ALGORITHM], issuer: settings.issuer, audience }) as AccessClaims;

describe('access tokens', () => {
  it('carry the claims every service checks, for 15 minutes', () => {
    const { token, expiresIn } = issuer.issue({ id: 7, role: 'admin', tokenVersion: 3 }, rest);
    const claims = verify(token);
    expect(claims).toMatchObject({ sub: '7', role: 'admin', ver: 3, iss: 'mercato-test', aud: 'mercato' });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.exp - claims.iat).toBe(900);
    expect(expiresIn).toBe(900);
    expect(jwt.decode(token, { complete: true })?.header).toMatchObject({ alg: 'RS256', kid: 'k1' });
  });

  it('fail verification with another key, when tampered, or unsigned', () => {
    const { token } = issuer.issue({ id: 7, role: 'user', tokenVersion: 0 }, rest);
    expect(() => verify(token, other.publicKey)).toThrow();
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'admin' })).toString('base64url');
    expect(() => verify(`${h}.${forged}.${s}`)).toThrow(/invalid signature/);
    const none = jwt.sign({ sub: '7', role: 'admin', ver: 0 }, '', { algorithm: 'none', issuer: settings.issuer, audience: rest.audience });
    expect(() => verify(none)).toThrow();
  });

  it('name as their audience the service they were asked for, and no other', () => {
    const gateway = 'http://localhost:3003/mcp';
    const { token } = issuer.issue({ id: 7, role: 'user', tokenVersion: 0 }, { audience: gateway });
    expect(verify(token, keys.publicKey, gateway).aud).toBe(gateway);
    expect(() => verify(token)).toThrow(/audience invalid/);
  });
});
