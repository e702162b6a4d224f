import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { type Actor, can, type Permission } from '@mercato/core';
import {
  type FixedResource,
  type Listed,
  MCP_CONTRIBUTOR,
  type McpContribution,
  type McpContributor,
  type McpPrompt,
  type ResourceFamily,
} from './contribution';
import { schemaOf } from './schemas';
import type { McpTool } from './tool';

/**
 * Everything the gateway offers agents, gathered once at start from every McpContributor provider in the app's
 * modules, in module order. Names and URIs must be unique across contexts: a clash fails the start.
 */
@Injectable()
export class McpCatalog implements OnModuleInit {
  readonly tools = new Map<string, McpTool>();
  /** Each tool as tools/list shows it; schemas are derived once, as they do not change while the process runs. */
  readonly toolListings = new Map<string, object>();
  readonly resources: FixedResource[] = [];
  readonly families: ResourceFamily[] = [];
  readonly prompts = new Map<string, McpPrompt>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const contributors = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance && this.reflector.get<boolean>(MCP_CONTRIBUTOR, wrapper.metatype as new () => unknown))
      .map((wrapper) => wrapper.instance as McpContributor);
    for (const contributor of new Set(contributors)) this.add(contributor.contribution());
  }

  add({ tools = [], resources = [], resourceFamilies = [], prompts = [] }: McpContribution): void {
    for (const t of tools) {
      addUnique(this.tools, t.name, t, 'tool');
      this.toolListings.set(t.name, {
        name: t.name,
        title: t.title,
        description: t.description,
        inputSchema: schemaOf(t.input),
        outputSchema: t.output,
        annotations: { title: t.title, ...t.annotations },
      });
    }
    for (const r of resources) {
      if (this.resources.some((known) => known.resource.uri === r.resource.uri)) throw new Error(`Two MCP resources at ${r.resource.uri}`);
      this.resources.push(r);
    }
    this.families.push(...resourceFamilies);
    for (const p of prompts) addUnique(this.prompts, p.prompt.name, p, 'prompt');
  }

  /**
   * The permission of the feature a JSON-RPC request asks for by name (a tool to call, a fixed resource to
   * read, a prompt to get), or undefined for anything else. Lets the HTTP door answer a token whose scopes fall
   * short before the MCP server runs (step-up); the feature's own service still decides everything else.
   */
  requirementOf(message: unknown): Permission | undefined {
    const { method, params } = (typeof message === 'object' && message !== null ? message : {}) as { method?: unknown; params?: unknown };
    const { name, uri } = (typeof params === 'object' && params !== null ? params : {}) as { name?: unknown; uri?: unknown };
    if (method === 'tools/call' && typeof name === 'string') return this.tools.get(name)?.requires;
    if (method === 'prompts/get' && typeof name === 'string') return this.prompts.get(name)?.requires;
    if (method === 'resources/read' && typeof uri === 'string') return this.resources.find((r) => r.resource.uri === uri)?.requires;
    return undefined;
  }
}

/** Hidden features can still be asked for by name; core then refuses exactly as REST would. */
export function listedTo(actor: Actor, feature: Listed): boolean {
  return feature.requires ? can(actor, feature.requires) : actor.kind !== 'anonymous';
}

function addUnique<T>(map: Map<string, T>, name: string, value: T, kind: string): void {
  if (map.has(name)) throw new Error(`Two MCP ${kind}s named ${name}`);
  map.set(name, value);
}
