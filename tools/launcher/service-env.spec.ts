import type { ServerConfig } from '@mercato/server';
import { APPS, appNamed } from './apps';
import { mcpResourceUrl, serviceEnv } from './service-env';

const platform = { databaseUrl: 'postgres://mercato@127.0.0.1:54329/mercato', publicKey: 'public-pem', signingKey: 'private-pem' };

describe('the environment npm start gives each service', () => {
  it('binds every service to loopback when HOST is not set, since the demo accounts have published passwords', () => {
    for (const app of APPS) {
      expect([app.name, serviceEnv(app, platform, { PATH: '/usr/bin' })['HOST']]).toEqual([app.name, '127.0.0.1']);
      expect([app.name, serviceEnv(app, platform, { HOST: '' })['HOST']]).toEqual([app.name, '127.0.0.1']);
    }
  });

  it('binds where HOST says when the operator sets it', () => {
    for (const app of APPS) expect(serviceEnv(app, platform, { HOST: '0.0.0.0' })['HOST']).toBe('0.0.0.0');
  });

  it("gives each service its own port, the platform's database, and the signing key to the issuer alone", () => {
    const outer = { PRODUCTS_API_PORT: '4002', JWT_PRIVATE_KEY: 'operator-private-pem' };
    const env = Object.fromEntries(APPS.map((app) => [app.name, serviceEnv(app, platform, outer)]));
    expect(env['users-api']).toMatchObject({ PORT: '3001', DATABASE_URL: platform.databaseUrl, JWT_PRIVATE_KEY: 'operator-private-pem' });
    expect(env['products-api']).toMatchObject({ PORT: '4002', JWT_PUBLIC_KEY: 'public-pem' });
    for (const app of APPS.filter((a) => !a.signsTokens)) expect([app.name, env[app.name]['JWT_PRIVATE_KEY']]).toEqual([app.name, undefined]);
    expect(serviceEnv(appNamed('users-api'), platform, {})['JWT_PRIVATE_KEY']).toBe('private-pem');
  });

  it("tells users-api the gateway's resource, the one the gateway derives from its PUBLIC_URL, so gateway sign-ins get tokens it accepts", () => {
    const gatewayConfig = appNamed('mcp-gateway').config;
    for (const outer of [
      {},
      { MCP_GATEWAY_PORT: '4003' },
      { PUBLIC_URL: 'https://shop.example/' },
      { PUBLIC_URL: 'https://shop.example', MCP_RESOURCE_URL: 'https://elsewhere/mcp' },
    ]) {
      const [users, gateway] = [serviceEnv(appNamed('users-api'), platform, outer), serviceEnv(appNamed('mcp-gateway'), platform, outer)];
      const accepted = Object.assign(new gatewayConfig() as ServerConfig, { PUBLIC_URL: gateway['PUBLIC_URL'] });
      expect(users['MCP_RESOURCE_URL']).toBe(accepted.acceptedAudience());
      expect(mcpResourceUrl(outer)).toBe(accepted.acceptedAudience());
    }
    expect(mcpResourceUrl({ MCP_GATEWAY_PORT: '4003' })).toBe('http://localhost:4003/mcp');
  });

  it('gives every service the issuer the gateway names as its authorization server: users-api on its port', () => {
    for (const outer of [{}, { USERS_API_PORT: '4301' }, { AUTHORIZATION_SERVER_URL: 'https://auth.shop.example' }]) {
      const gateway = serviceEnv(appNamed('mcp-gateway'), platform, outer);
      for (const app of APPS) expect([app.name, serviceEnv(app, platform, outer)['JWT_ISSUER']]).toEqual([app.name, gateway['AUTHORIZATION_SERVER_URL']]);
    }
    expect(serviceEnv(appNamed('users-api'), platform, { USERS_API_PORT: '4301' })['JWT_ISSUER']).toBe('http://localhost:4301');
  });
});
