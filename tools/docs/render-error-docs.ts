import { ERROR_CATALOGUE, ERROR_CODES } from '@mercato/core';
import { problemType } from '@mercato/server';

/** Renders docs/ERRORS.md from the error catalogue alone: no running service needed. */
export function renderErrorDocs(): string {
  const out: string[] = [
    '# Mercato errors',
    '',
    'Generated from the error catalogue in `libs/core` (`ERROR_CATALOGUE`). Regenerate with `npm run docs:errors`; a test fails when',
    'this file is stale.',
    '',
    'Every error the platform answers with carries one of these codes, on every door. Branch on the code, never on the',
    'wording of `title` or `detail`. "Whose to fix": a `caller` error is about the request or the account behind it',
    '(change the request, sign in, or wait out a limit); a `platform` error is ours (retry later, or quote the reference',
    'the detail gives).',
    '',
    '| code | REST `type` | status | title | whose to fix | what it means, what to do |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const code of ERROR_CODES) {
    const { status, title, fault, description } = ERROR_CATALOGUE[code];
    out.push(`| \`${code}\` | \`${problemType(code)}\` | ${status} | ${title} | ${fault} | ${cell(description)} |`);
  }
  out.push(
    '',
    '## How each door carries them',
    '',
    '**REST** answers `application/problem+json` (RFC 9457): `type` is `/problems/<code>`, with the status and title above,',
    '`detail` for this occurrence, `instance` (the path), and extension members where they apply (`errors[]` naming each',
    'refused field and rule, `field`, `stock`, `retry_after`, …). A 401 carries `WWW-Authenticate`; a rate limit’s 429',
    'and an unreachable dependency’s 503 carry `Retry-After`. A client error of the HTTP layer whose status has no code',
    'above is answered as `bad-request`; any other failure as `internal-error`, with nothing of its cause.',
    '',
    '**MCP tools** answer a tool result with `isError: true` whose text is the problem as JSON: `{ type, title, detail, … }`',
    'with the bare code as `type`, and the same extension members (`errors[]` naming each bad argument).',
    '',
    '**MCP resources, prompts and completions** (and a caller whose token is refused over stdio) answer a JSON-RPC',
    'error: code `-32602` with the message `<title>: <detail>` and the code in `data.type`. Anything unexpected is',
    '`-32603` with the message `Internal error, reference <request id>`.',
    '',
    '**REST over MCP** (`POST /api/v1/ai/sentiment` on the gateway) passes on a refusal the tool reports only when its',
    'code is the `caller`’s, exactly as REST would send it; any other failure of the tool, or of the MCP exchange',
    'around it, is `upstream-failed`, and a tool that cannot reach a dependency is `service-unavailable`.',
  );
  return `${out.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
