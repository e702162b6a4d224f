// npm run conformance — the official MCP conformance suite and the MCP Inspector's strict schema check,
// against the real gateway (started here on DATABASE_URL/REDIS_URL, or an embedded PostgreSQL).
// Both tools are tested on Node 22, which the `node` package from the npm registry provides beside the
// project's own Node. They run through a loopback proxy that adds a real access token, since the suite's
// client sends no Authorization header (auth stays on for the test).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { ROOT } from '@mercato/testing';
import { benchToken } from '../bench/accounts';
import { startTarget } from '../bench/target';

const TOOLING = join(ROOT, 'tmp/conformance');
const PACKAGES = ['node@22.23.3', '@modelcontextprotocol/conformance@0.1.16', '@modelcontextprotocol/inspector@2.12.0'];
/** Every server scenario that applies to a product server; see README for the ones skipped and why. */
const SCENARIOS = [
  'server-initialize',
  'ping',
  'tools-list',
  'resources-list',
  'prompts-list',
  'logging-set-level',
  'completion-complete',
  'dns-rebinding-protection',
];

function installTooling(): string {
  const node22 = join(TOOLING, 'node_modules/.bin/node');
  if (!existsSync(join(TOOLING, 'node_modules/@modelcontextprotocol/inspector'))) {
    execFileSync('npm', ['install', '--prefix', TOOLING, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', ...PACKAGES], { stdio: 'inherit' });
  }
  return node22;
}

/**
 * Runs a tool without blocking this process's event loop, which serves the token proxy the tool talks to.
 * Resolves with its exit status and output, whatever the status.
 */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { encoding: 'utf8', timeout: 120_000, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = (error as { code?: unknown } | null)?.code;
      resolve({ status: error ? (typeof code === 'number' ? code : 1) : 0, stdout, stderr });
    });
  });
}

/** Forwards to the gateway with a bearer token added; everything else (Host, Origin) passes unchanged. */
function tokenProxy(target: URL, token: string): Promise<Server> {
  const proxy = createServer((req, res) => {
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, authorization: `Bearer ${token}` } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', (error) => (res.headersSent ? res.destroy(error) : res.writeHead(502).end(String(error))));
    req.pipe(upstream);
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(proxy)));
}

async function main(): Promise<void> {
  const node22 = installTooling();
  const target = await startTarget({ catalogSize: 50 });
  const results: { check: string; ok: boolean }[] = [];
  try {
    const { token } = await benchToken(target, 'admin', target.mcpResource);
    const gateway = new URL(target.baseUrl('mcp-gateway'));
    const proxy = await tokenProxy(gateway, token);
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}/mcp`;
    try {
      const bin = (name: string) => join(TOOLING, 'node_modules/.bin', name);
      for (const scenario of SCENARIOS) {
        const suite = await run(node22, [bin('conformance'), 'server', '--url', proxyUrl, '--scenario', scenario]);
        process.stdout.write(suite.stdout + suite.stderr);
        results.push({ check: `conformance ${scenario}`, ok: suite.status === 0 && /\b0 failed\b/.test(suite.stdout) });
      }
      const inspector = await run(
        node22,
        [
          bin('mcp-inspector'),
          '--cli',
          `${gateway.origin}/mcp`,
          '--method',
          'tools/list',
          '--header',
          `Authorization: Bearer ${token}`,
          '--strict',
          '--format',
          'json',
        ],
        { ...process.env, MCP_CATALOG_PATH: join(TOOLING, 'catalog.json') },
      );
      process.stdout.write(inspector.stderr || 'MCP Inspector --strict: no schema portability findings\n');
      results.push({ check: 'inspector --strict tools/list', ok: inspector.status === 0 });
    } finally {
      proxy.close();
    }
  } finally {
    await target.stop();
  }
  for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.check}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`conformance: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
