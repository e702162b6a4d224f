import { Inject, Injectable, Logger } from '@nestjs/common';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { type Actor, DomainError, ERROR_CATALOGUE, parseInput } from '@mercato/core';
import { listedTo, McpCatalog, type McpTool, outcomeOf, toolError, toolResult } from '@mercato/mcp';
import { Metrics, SERVICE_INFO, type ServiceInfo } from '@mercato/server';
import { McpFeatures } from './mcp-features';

const INSTRUCTIONS =
  'Mercato is a commerce platform. These tools act with exactly the permissions of the account whose token you carry: ' +
  'call whoami to see it. Lists are paged: read `total` and page with skip/limit instead of asking for everything. ' +
  'When a tool returns isError, its text is a JSON object saying why (type, detail, and errors[] naming each bad argument and rule): fix the arguments and retry, or explain the refusal.';

export interface McpCaller {
  actor(): Promise<Actor>;
  requestId(): string;
}

/** Builds one MCP server per request for the caller: stateless, so any replica can answer any request. */
@Injectable()
export class McpServerFactory {
  private readonly logger = new Logger('McpTools');
  private readonly tools: Map<string, McpTool>;
  private readonly listed: Map<string, object>;
  private readonly features: McpFeatures;
  /** Each Server would otherwise build its own Ajv instance, the costliest part of a stateless request. */
  private readonly validator = new AjvJsonSchemaValidator();
  constructor(
    catalog: McpCatalog,
    @Inject(SERVICE_INFO) private readonly service: ServiceInfo,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {
    this.features = new McpFeatures(catalog);
    this.tools = catalog.tools;
    this.listed = catalog.toolListings;
  }

  /**
   * `caller` says, for each request, who acts (over HTTP: the verified token of that request; over stdio: the
   * configured token, verified again every time) and how the request is referred to in logs and errors.
   */
  create(caller: McpCaller): Server {
    const server = new Server(
      { name: 'mercato', title: 'Mercato', version: this.service.version },
      {
        capabilities: { tools: { listChanged: false }, resources: { listChanged: false }, prompts: { listChanged: false }, completions: {}, logging: {} },
        instructions: INSTRUCTIONS,
        jsonSchemaValidator: this.validator,
      },
    );
    const guarded = <T>(work: (actor: Actor) => Promise<T> | T) => {
      const requestId = caller.requestId();
      return this.asProtocolError(async () => work(await caller.actor()), requestId);
    };
    const features = this.features;
    server.setRequestHandler(ListResourcesRequestSchema, ({ params }) => guarded((a) => features.listResources(a, params?.cursor)));
    server.setRequestHandler(ListResourceTemplatesRequestSchema, ({ params }) => guarded(() => features.listTemplates(params?.cursor)));
    server.setRequestHandler(ReadResourceRequestSchema, ({ params }) => guarded((a) => features.readResource(a, params.uri)));
    server.setRequestHandler(ListPromptsRequestSchema, ({ params }) => guarded((a) => features.listPrompts(a, params?.cursor)));
    server.setRequestHandler(GetPromptRequestSchema, ({ params }) => guarded((a) => features.getPrompt(a, params.name, params.arguments)));
    server.setRequestHandler(CompleteRequestSchema, ({ params }) => guarded((a) => features.complete(a, params)));
    server.setRequestHandler(ListToolsRequestSchema, () =>
      guarded((a) => ({ tools: [...this.tools.values()].filter((t) => listedTo(a, t)).map((t) => this.listed.get(t.name)) })),
    );
    server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
      const found = this.tools.get(params.name);
      if (!found) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${params.name}`);
      const requestId = caller.requestId();
      const actor = await this.asProtocolError(() => caller.actor(), requestId);
      return this.call(found, actor, params.arguments ?? {}, requestId);
    });
    return server;
  }

  /**
   * Resources, prompts and completions answer refusals as JSON-RPC errors: the catalogue's title and the
   * detail as the message, the code in `data.type`. Anything unexpected says only "internal error" with a reference.
   */
  private async asProtocolError<T>(work: () => Promise<T> | T, requestId: string): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof McpError) throw error;
      if (error instanceof DomainError) throw new McpError(ErrorCode.InvalidParams, `${error.title}: ${error.detail}`, { type: error.type });
      this.logger.error({ err: error, reqId: requestId }, 'MCP request failed');
      throw new McpError(ErrorCode.InternalError, `${ERROR_CATALOGUE['internal-error'].title}, reference ${requestId}`);
    }
  }

  private async call(t: McpTool, actor: Actor, args: unknown, requestId: string) {
    const started = process.hrtime.bigint();
    let outcome = 'ok';
    try {
      return toolResult(await t.run(actor, await parseInput(t.input, args)));
    } catch (error) {
      outcome = outcomeOf(error);
      if (outcome === 'internal-error') this.logger.error({ err: error, reqId: requestId, tool: t.name }, 'Tool failed');
      else if (outcome === 'service-unavailable') this.logger.warn({ err: error, reqId: requestId, tool: t.name }, 'Tool could not reach a dependency');
      return toolError(error, requestId);
    } finally {
      // Arguments are never logged: they may hold passwords.
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      this.metrics.observeToolCall(t.name, outcome, ms);
      this.logger.log(
        { tool: t.name, caller: actor.kind === 'user' ? actor.userId : actor.kind, outcome, ms: Math.round(ms * 10) / 10, reqId: requestId },
        'tool call',
      );
    }
  }
}
