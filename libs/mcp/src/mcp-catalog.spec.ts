import { Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { ANONYMOUS, userActor } from '@mercato/core';
import { ContributesToMcp, type McpContribution } from './contribution';
import { listedTo, McpCatalog } from './mcp-catalog';
import { tool } from './tool';

class NoInput {}
const echo = (name: string) =>
  tool({ name, title: name, description: name, input: NoInput, output: { type: 'object' }, annotations: { readOnlyHint: true }, run: async () => ({}) });

@ContributesToMcp()
class Shelves {
  contribution(): McpContribution {
    return {
      tools: [echo('list_shelves')],
      resources: [{ resource: { uri: 'shelves://all', name: 'shelves' }, requires: 'product:stats', read: async () => [] }],
    };
  }
}

@ContributesToMcp()
class Clashing {
  contribution(): McpContribution {
    return { tools: [echo('list_shelves')] };
  }
}

/** Not marked: a provider of a context module that offers nothing to agents. */
class Unmarked {
  contribution(): McpContribution {
    return { tools: [echo('never_listed')] };
  }
}

@Module({ providers: [Shelves, Unmarked] })
class ShelvesModule {}

@Module({ providers: [Clashing] })
class ClashingModule {}

const catalogOf = async (...contexts: (new () => unknown)[]) => {
  const app = await NestFactory.createApplicationContext(
    { module: class Gateway {}, imports: [DiscoveryModule, ...contexts], providers: [McpCatalog] },
    { logger: false },
  );
  return { catalog: app.get(McpCatalog), close: () => app.close() };
};

describe('the MCP catalog', () => {
  it("finds every marked contributor in the app's modules, and only those", async () => {
    const { catalog, close } = await catalogOf(ShelvesModule);
    expect([...catalog.tools.keys()]).toEqual(['list_shelves']);
    expect(catalog.toolListings.get('list_shelves')).toMatchObject({
      name: 'list_shelves',
      inputSchema: { type: 'object' },
      annotations: { title: 'list_shelves' },
    });
    expect(catalog.resources.map((r) => r.resource.uri)).toEqual(['shelves://all']);
    await close();
  });

  it('refuses to start when two contexts offer a tool under one name', async () => {
    await expect(catalogOf(ShelvesModule, ClashingModule)).rejects.toThrow('Two MCP tools named list_shelves');
  });

  it('lists a feature to holders of its permission, or to every signed-in caller when it names none', () => {
    expect(listedTo(userActor(1, 'admin'), { requires: 'product:stats' })).toBe(true);
    expect(listedTo(userActor(1, 'user'), { requires: 'product:stats' })).toBe(false);
    expect(listedTo(userActor(1, 'guest'), {})).toBe(true);
    expect(listedTo(ANONYMOUS, {})).toBe(false);
  });

  it('lists a feature to a narrowed token only when its scopes cover the permission too', () => {
    expect(listedTo(userActor(1, 'admin', ['catalog:read']), { requires: 'product:stats' })).toBe(true);
    expect(listedTo(userActor(1, 'admin', ['catalog:write']), { requires: 'product:stats' })).toBe(false);
    expect(listedTo(userActor(1, 'admin', []), {})).toBe(true);
  });

  it('names the permission of the tool, prompt or fixed resource a request asks for, and nothing for any other request', async () => {
    const { catalog, close } = await catalogOf();
    const restock = { ...echo('restock_shelves'), requires: 'product:write' as const };
    catalog.add({
      tools: [echo('list_shelves'), restock],
      resources: [{ resource: { uri: 'shelves://all', name: 'shelves' }, requires: 'product:stats', read: async () => [] }],
      prompts: [{ prompt: { name: 'plan' }, requires: 'product:read-stock', get: async () => ({ messages: [] }) }],
    });
    const call = (method: string, params?: unknown) => catalog.requirementOf({ jsonrpc: '2.0', id: 1, method, params });
    expect(call('tools/call', { name: 'restock_shelves', arguments: {} })).toBe('product:write');
    expect(call('resources/read', { uri: 'shelves://all' })).toBe('product:stats');
    expect(call('prompts/get', { name: 'plan' })).toBe('product:read-stock');
    for (const other of [
      call('tools/call', { name: 'list_shelves' }),
      call('tools/call', { name: 'no_such_tool' }),
      call('tools/call', { name: ['restock_shelves'] }),
      call('tools/call'),
      call('tools/list', { name: 'restock_shelves' }),
      call('resources/read', { uri: 'shelves://elsewhere' }),
      catalog.requirementOf(null),
      catalog.requirementOf('tools/call'),
      catalog.requirementOf([{ method: 'tools/call', params: { name: 'restock_shelves' } }]),
    ]) {
      expect(other).toBeUndefined();
    }
    await close();
  });
});
