import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { PasswordHasher } from '@mercato/core';
import { Argon2PasswordHasher } from '@mercato/security';
import { startTestApp, watchHashing, type TestApp } from '@mercato/testing';
import { McpGatewayModule } from '../src/mcp-gateway.module';
import { newAgent, type Agent } from './mcp-client';
import { problem, structured } from './tool-results';

let gateway: TestApp;
let admin: Agent;
beforeAll(async () => {
  gateway = await startTestApp(McpGatewayModule, { env: { ARGON2_MAX_CONCURRENCY: '1', LOGIN_MAX_FAILURES: '2' } });
  admin = await newAgent(gateway, 'admin');
}, 60_000);
afterAll(async () => {
  await admin?.client.close();
  await gateway?.close();
});

describe('password hashing in the gateway', () => {
  it('runs create_user and update_user hashes through one hasher bounded by ARGON2_MAX_CONCURRENCY', async () => {
    const hasher = gateway.app.get(PasswordHasher);
    expect(hasher).toBeInstanceOf(Argon2PasswordHasher);
    const bounded = hasher as Argon2PasswordHasher;
    expect(bounded.concurrency.limit).toBe(1);
    const target = structured(
      await admin.client.callTool({ name: 'create_user', arguments: { email: 'hash-target@example.com', username: 'hash-target', password: 'Secr3tPass' } }),
    );
    // Hold the one slot, so the calls meet in the hasher however slowly a busy machine delivers them.
    let release: (() => void) | undefined;
    let queuedAtRelease = 0;
    const holding = bounded.concurrency.run(() => new Promise<void>((resolve) => (release = resolve)));
    const { result, peak } = await watchHashing(bounded, async () => {
      const calls = Promise.all([
        ...[1, 2, 3].map((n) =>
          admin.client.callTool({ name: 'create_user', arguments: { email: `hash-${n}@example.com`, username: `hash-${n}`, password: 'Secr3tPass' } }),
        ),
        admin.client.callTool({ name: 'update_user', arguments: { id: target['id'], password: 'Other1Pass' } }),
      ]);
      while (bounded.concurrency.queued < 4) await new Promise((r) => setTimeout(r, 10));
      queuedAtRelease = bounded.concurrency.queued;
      release?.();
      await holding;
      return calls;
    });
    expect(result.map((r) => r.isError ?? false)).toEqual([false, false, false, false]);
    expect(peak).toBe(1);
    expect(queuedAtRelease).toBe(4); // all four hashes queued behind the one slot: both tools hash through this hasher
  }, 60_000);
});

describe('current-password checks in the gateway', () => {
  it('count wrong current passwords against the sign-in budget and refuse once it is spent', async () => {
    const { me, client }: { me: { id: number }; client: Client } = await newAgent(gateway);
    try {
      const change = () => client.callTool({ name: 'update_user', arguments: { id: me.id, password: 'Fresh1Pass', current_password: 'Wrong1Pass' } });
      for (let i = 0; i < 2; i++) expect(problem(await change())).toMatchObject({ type: 'validation-failed' });
      const refused = await change();
      expect(refused.isError).toBe(true);
      expect(problem(refused)).toMatchObject({ type: 'too-many-requests' });
    } finally {
      await client.close();
    }
  }, 30_000);
});
