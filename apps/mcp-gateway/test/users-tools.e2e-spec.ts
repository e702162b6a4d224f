import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { TestApp } from '@mercato/testing';
import { gatewayWithAgents, newAgent, type GatewayWithAgents } from './mcp-client';
import { badFields, problem, structured } from './tool-results';

let setup: GatewayWithAgents;
let gateway: TestApp;
let asAdmin: Client;

beforeAll(async () => {
  setup = await gatewayWithAgents();
  ({
    gateway,
    admin: { client: asAdmin },
  } = setup);
});
afterAll(() => setup.close());

describe('user tools', () => {
  it('reads your own account with get_user, and any account for an admin, without secrets', async () => {
    const { me, client } = await newAgent(gateway);
    try {
      const self = structured(await client.callTool({ name: 'get_user', arguments: { id: me.id } }));
      expect(self).toMatchObject({ id: me.id, role: 'user', is_active: true });
      expect(structured(await asAdmin.callTool({ name: 'get_user', arguments: { id: me.id } }))).toEqual(self);
      expect(JSON.stringify(self)).not.toMatch(/hash|argon|password/i);
    } finally {
      await client.close();
    }
  });

  it('lets a user change its own full name with update_user', async () => {
    const { me, client } = await newAgent(gateway);
    try {
      const updated = structured(await client.callTool({ name: 'update_user', arguments: { id: me.id, full_name: 'Ada Agent' } }));
      expect(updated).toMatchObject({ id: me.id, full_name: 'Ada Agent', role: 'user' });
      expect(structured(await client.callTool({ name: 'whoami', arguments: {} }))).toMatchObject({ full_name: 'Ada Agent' });
    } finally {
      await client.close();
    }
  });

  it('refuses a user changing its own password without current_password, naming it', async () => {
    const { me, client } = await newAgent(gateway);
    try {
      const res = await client.callTool({ name: 'update_user', arguments: { id: me.id, password: 'Fresh-Passw0rd' } });
      expect(res.isError).toBe(true);
      expect(problem(res)).toMatchObject({ type: 'validation-failed' });
      expect(badFields(res)).toEqual(['current_password']);
      // The token still works: a changed password would have ended it.
      expect(structured(await client.callTool({ name: 'whoami', arguments: {} }))).toMatchObject({ id: me.id });
    } finally {
      await client.close();
    }
  });

  it('refuses a role in update_user arguments, naming it, and leaves the role as it was', async () => {
    const { me, client } = await newAgent(gateway);
    try {
      const res = await client.callTool({ name: 'update_user', arguments: { id: me.id, full_name: 'Would Be Admin', role: 'admin' } });
      expect(res.isError).toBe(true);
      expect(badFields(res)).toEqual(['role']);
      expect(structured(await client.callTool({ name: 'whoami', arguments: {} }))).toMatchObject({ role: 'user', full_name: null });
    } finally {
      await client.close();
    }
  });

  it('refuses a guest update_user on its own account with forbidden, as REST does, and leaves it unchanged', async () => {
    const { me, client } = await newAgent(gateway, 'guest');
    try {
      const res = await client.callTool({ name: 'update_user', arguments: { id: me.id, full_name: 'Not Allowed' } });
      expect(res.isError).toBe(true);
      expect(problem(res)).toMatchObject({ type: 'forbidden', detail: expect.stringContaining('guest') });
      expect(structured(await client.callTool({ name: 'whoami', arguments: {} }))).toMatchObject({ id: me.id, role: 'guest', full_name: null });
    } finally {
      await client.close();
    }
  });
});
