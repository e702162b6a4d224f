import { SERVICES, serviceNamed } from './services';

describe('the deployed services as the code defines them', () => {
  it('lists every app with its port and the env vars its config reads', () => {
    expect(SERVICES.map((s) => [s.name, s.port])).toEqual([
      ['users-api', 3001],
      ['products-api', 3002],
      ['mcp-gateway', 3003],
      ['orders-api', 3004],
    ]);
    expect(serviceNamed('users-api').env.has('JWT_PRIVATE_KEY')).toBe(true);
    expect(serviceNamed('products-api').env.has('JWT_PRIVATE_KEY')).toBe(false);
    expect(serviceNamed('mcp-gateway').env.has('MCP_ALLOWED_ORIGINS')).toBe(true);
    for (const s of SERVICES) expect(s.env.has('DATABASE_URL')).toBe(true);
  });

  it("adds the orders context's settings to the services that sell, and to no other", () => {
    const sells = SERVICES.filter((s) => s.env.has('CURRENCY')).map((s) => s.name);
    expect(sells).toEqual(['mcp-gateway', 'orders-api']);
    for (const name of sells) {
      const env = serviceNamed(name).env;
      expect([name, [...env].filter((v) => v.startsWith('CHECKOUT_')).sort()]).toEqual([name, ['CHECKOUT_EXPIRY_INTERVAL_SECONDS', 'CHECKOUT_TTL_SECONDS']]);
      // beside, not instead of, the service's own settings
      expect([name, env.has('PORT'), env.has('JWT_JWKS_URL')]).toEqual([name, true, true]);
    }
  });
});
