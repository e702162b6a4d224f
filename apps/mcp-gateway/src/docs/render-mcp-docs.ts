import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

const ITEM_URI = /^(products:\/\/\d+|orders:\/\/[0-9a-f-]{36})$/;

/** Reads what a live gateway offers (as the connected caller sees it) and renders docs/MCP_TOOLS.md. */
export async function renderMcpDocs(client: Client): Promise<string> {
  const { tools } = await client.listTools();
  const { resources } = await client.listResources();
  const { resourceTemplates } = await client.listResourceTemplates();
  const { prompts } = await client.listPrompts();
  const out: string[] = [
    '# Mercato MCP tools, resources and prompts',
    '',
    'Generated from the live `tools/list`, `resources/list`, `resources/templates/list` and `prompts/list` of the gateway, as an admin sees them',
    '(other roles see fewer tools). Regenerate with `npm run docs:mcp`; a test fails when this file is stale.',
    '',
    '## Tools',
    '',
    '| tool | title | read-only | destructive | idempotent |',
    '| --- | --- | --- | --- | --- |',
  ];
  const sorted = [...tools].sort((a, b) => a.name.localeCompare(b.name));
  for (const t of sorted) {
    const a = t.annotations ?? {};
    out.push(`| \`${t.name}\` | ${t.title ?? ''} | ${yes(a.readOnlyHint)} | ${yes(a.destructiveHint)} | ${yes(a.idempotentHint)} |`);
  }
  for (const t of sorted) {
    out.push(
      '',
      `### \`${t.name}\``,
      '',
      t.description ?? '',
      '',
      '**Input schema**',
      '',
      fence(t.inputSchema),
      '',
      '**Output schema**',
      '',
      fence(t.outputSchema),
    );
  }
  out.push('', '## Resources', '', '| URI | title | description |', '| --- | --- | --- |');
  // Items of the templates (a product, one of the caller's orders) depend on the data, not on what the gateway offers.
  for (const r of resources.filter((r) => !ITEM_URI.test(r.uri))) out.push(`| \`${r.uri}\` | ${r.title ?? r.name} | ${r.description ?? ''} |`);
  for (const t of resourceTemplates) out.push(`| \`${t.uriTemplate}\` (template) | ${t.title ?? t.name} | ${t.description ?? ''} |`);
  out.push(
    '',
    'Every visible product is also listed as `products://<id>`, and each of the caller’s own orders as `orders://<id>`.',
    '',
    '## Prompts',
    '',
    '| prompt | arguments | description |',
    '| --- | --- | --- |',
  );
  for (const p of [...prompts].sort((a, b) => a.name.localeCompare(b.name))) {
    const args = (p.arguments ?? []).map((a) => `\`${a.name}\`${a.required ? '' : ' (optional)'}`).join(', ');
    out.push(`| \`${p.name}\` | ${args} | ${p.description ?? ''} |`);
  }
  return `${out.join('\n')}\n`;
}

function yes(flag: boolean | undefined): string {
  return flag === undefined ? '–' : flag ? 'yes' : 'no';
}

function fence(schema: unknown): string {
  return ['```json', JSON.stringify(schema, null, 2), '```'].join('\n');
}
