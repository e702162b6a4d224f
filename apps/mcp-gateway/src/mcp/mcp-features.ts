import {
  type CompleteRequest,
  type CompleteResult,
  ErrorCode,
  type GetPromptResult,
  McpError,
  type Prompt,
  type ReadResourceResult,
  type Resource,
  type ResourceTemplate,
} from '@modelcontextprotocol/sdk/types.js';
import type { Actor } from '@mercato/core';
import { LIST_PAGE_SIZE, listedTo, McpCatalog, nextCursor, offsetFrom } from '@mercato/mcp';

const JSON_TYPE = 'application/json';
const MAX_COMPLETIONS = 20;

/**
 * Resources, prompts and completions over the catalog of every context's contributions, with the caller's
 * permissions: what each MCP list, read, get and complete request answers.
 */
export class McpFeatures {
  constructor(private readonly catalog: McpCatalog) {}

  /** The fixed resources this caller may read, then each family's items, a page at a time across them all. */
  async listResources(actor: Actor, cursor?: string): Promise<{ resources: Resource[]; nextCursor?: string }> {
    const offset = offsetFrom(cursor);
    const fixed = this.catalog.resources.filter((r) => listedTo(actor, r)).map((r) => r.resource);
    const resources: Resource[] = fixed.slice(offset, offset + LIST_PAGE_SIZE);
    let before = fixed.length;
    for (const family of this.catalog.families) {
      if (!family.list || !listedTo(actor, family)) continue;
      const room = LIST_PAGE_SIZE - resources.length;
      // Asked even when the page is full: its total says whether another page follows.
      const page = await family.list(actor, Math.max(0, offset - before), Math.max(1, room));
      if (room > 0) resources.push(...page.items.slice(0, room));
      before += page.total;
    }
    return { resources, nextCursor: nextCursor(offset, resources.length, before) };
  }

  listTemplates(cursor?: string): { resourceTemplates: ResourceTemplate[]; nextCursor?: string } {
    const all = this.catalog.families.map((f) => f.template);
    const offset = offsetFrom(cursor);
    const resourceTemplates = all.slice(offset, offset + LIST_PAGE_SIZE);
    return { resourceTemplates, nextCursor: nextCursor(offset, resourceTemplates.length, all.length) };
  }

  async readResource(actor: Actor, uri: string): Promise<ReadResourceResult> {
    const json = (value: unknown): ReadResourceResult => ({ contents: [{ uri, mimeType: JSON_TYPE, text: JSON.stringify(value) }] });
    const fixed = this.catalog.resources.find((r) => r.resource.uri === uri);
    if (fixed) return json(await fixed.read(actor));
    for (const family of this.catalog.families) {
      const value = await family.read(actor, uri);
      if (value !== undefined) return json(value);
    }
    throw new McpError(ErrorCode.InvalidParams, `Unknown resource: ${uri}`);
  }

  listPrompts(actor: Actor, cursor?: string): { prompts: Prompt[]; nextCursor?: string } {
    const visible = [...this.catalog.prompts.values()].filter((p) => listedTo(actor, p)).map((p) => p.prompt);
    const offset = offsetFrom(cursor);
    const prompts = visible.slice(offset, offset + LIST_PAGE_SIZE);
    return { prompts, nextCursor: nextCursor(offset, prompts.length, visible.length) };
  }

  getPrompt(actor: Actor, name: string, args: Record<string, string> = {}): Promise<GetPromptResult> {
    const found = this.catalog.prompts.get(name);
    if (!found) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${name}`);
    return found.get(actor, args);
  }

  /** Argument completion for prompts and resource templates, from the prompt or family that owns it, if listed to the caller. */
  async complete(actor: Actor, { ref, argument }: CompleteRequest['params']): Promise<CompleteResult> {
    const owner = ref.type === 'ref/prompt' ? this.catalog.prompts.get(ref.name) : this.catalog.families.find((f) => f.template.uriTemplate === ref.uri);
    const values = owner && listedTo(actor, owner) ? ((await owner.complete?.(actor, argument.name, argument.value)) ?? []) : [];
    return { completion: { values: values.slice(0, MAX_COMPLETIONS), total: values.length, hasMore: values.length > MAX_COMPLETIONS } };
  }
}
