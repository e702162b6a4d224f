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
});
