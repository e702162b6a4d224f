import { loadConfig } from './load-config';
import { ServerConfig } from './server-config';

describe('loadConfig', () => {
  it('applies defaults and converts types', () => {
    const c = loadConfig(ServerConfig, { DATABASE_URL: 'postgres://db/x', PORT: '8080', TRUST_PROXY: 'true', JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----x' });
    expect(c).toMatchObject({ PORT: 8080, TRUST_PROXY: true, LOG_LEVEL: 'info', DATABASE_POOL_SIZE: 10 });
    expect(c.corsOrigins).toBe(true);
  });

  it('names every bad or missing variable in one error', () => {
    expect(() => loadConfig(ServerConfig, { PORT: 'eighty', LOG_LEVEL: 'loud', REDIS_URL: 'http://x' })).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/PORT[\s\S]*LOG_LEVEL[\s\S]*DATABASE_URL[\s\S]*REDIS_URL[\s\S]*JWT_PUBLIC_KEY/),
      }),
    );
  });

  it('accepts a JWKS URL instead of a public key', () => {
    expect(() => loadConfig(ServerConfig, { DATABASE_URL: 'postgres://db/x', JWT_JWKS_URL: 'http://users-api:3001/.well-known/jwks.json' })).not.toThrow();
  });
});
