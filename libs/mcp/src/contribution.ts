import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import type { GetPromptResult, Prompt, Resource, ResourceTemplate } from '@modelcontextprotocol/sdk/types.js';
import type { Actor, Page, Permission } from '@mercato/core';
import type { McpTool } from './tool';

/** Who an MCP feature is listed to: holders of `requires`, or every signed-in caller when it is unset. */
export interface Listed {
  /** Listing is a courtesy; the core service still authorizes every call, read and prompt. */
  requires?: Permission;
}

/** A resource at a fixed URI (e.g. `users://stats`). */
export interface FixedResource extends Listed {
  resource: Resource;
  read(actor: Actor): Promise<unknown>;
}

/**
 * Resources one per domain item (e.g. `products://{id}`): the template, how to read one, how to list them. Its items
 * are listed and completed only to callers it is listed to (`requires`); reading one is the service's decision.
 */
export interface ResourceFamily extends Listed {
  template: ResourceTemplate;
  /** The item's JSON, or undefined when the URI is not of this family. */
  read(actor: Actor, uri: string): Promise<unknown>;
  /** One page of the items the caller may see, as resources. */
  list?(actor: Actor, skip: number, limit: number): Promise<Page<Resource>>;
  /** Values for one template variable that start with `prefix`. */
  complete?(actor: Actor, variable: string, prefix: string): Promise<string[]>;
}

export interface McpPrompt extends Listed {
  prompt: Prompt;
  get(actor: Actor, args: Record<string, string>): Promise<GetPromptResult>;
  /** Values for one argument that start with `prefix`. */
  complete?(actor: Actor, argument: string, prefix: string): Promise<string[]>;
}

/** What one context offers agents. Every part is optional. */
export interface McpContribution {
  tools?: McpTool[];
  resources?: FixedResource[];
  resourceFamilies?: ResourceFamily[];
  prompts?: McpPrompt[];
}

/** A provider that offers MCP features; the gateway finds every such provider in the modules it imports. */
export interface McpContributor {
  contribution(): McpContribution;
}

export const MCP_CONTRIBUTOR = 'mercato:mcp-contributor';

/**
 * Marks a provider class as an McpContributor. A context adds tools, resources and prompts by providing one in
 * its MCP module; nothing in the gateway lists them.
 */
export const ContributesToMcp = () => applyDecorators(Injectable(), SetMetadata(MCP_CONTRIBUTOR, true));
