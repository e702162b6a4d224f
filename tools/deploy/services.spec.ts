import { SERVICES, serviceNamed } from './services';

describe('the deployed services as the code defines them', () => {
  it('lists every app with its port and the env vars its config reads', () => {
    expect(SERVICES.map((s) => [s.name, s.port])).toEqual([
      ['users-api', 3001],
      ['products-api', 3002],
      ['mcp-gateway', 3003],
    ]);
    expect(serviceNamed('users-api').env.has('JWT_PRIVATE_KEY')).toBe(true);
    expect(serviceNamed('products-api').env.has('JWT_PRIVATE_KEY')).toBe(false);
    expect(serviceNamed('mcp-gateway').env.has('MCP_ALLOWED_ORIGINS')).toBe(true);
    for (const s of SERVICES) expect(s.env.has('DATABASE_URL')).toBe(true);
  });
});
