import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { percentBarChart } from './bar-chart';
import { formatRatio, type BenchResults, type ScenarioRecord } from './bench-results';

const CHART = 'percent-of-ceiling.svg';

const ms = (n: number) => (Number.isFinite(n) ? `${n} ms` : '-');
const ratios = (s: ScenarioRecord) => s.ratios.map((r) => `${formatRatio(r.kind, r.value)} of ${r.of}${r.detail ? ` (${r.detail})` : ''}`).join('; ');

/** The scenario table's rows: the same in the terminal and in the report. */
export function scenarioRows(results: BenchResults): string[][] {
  return results.scenarios.map((s) => [
    s.title,
    `${s.rps} ${s.unit ?? 'req'}/s`,
    ms(s.p50),
    ms(s.p99),
    s.ceiling ? `${s.ceiling.rps} req/s${s.ceiling.samples ? ` (${s.ceiling.samples.join(' → ')})` : ''}` : '-',
    formatRatio('percent', s.percentOfCeiling),
    ratios(s),
    String(s.non2xx + s.errors),
  ]);
}
const HEAD = ['scenario', 'rate', 'p50', 'p99', 'ceiling', 'of ceiling', 'other ratios', 'failed'];

export function serviceRows(results: BenchResults): string[][] {
  const mib = (n?: number) => (n === undefined ? '-' : `${n.toFixed(0)} MiB`);
  return results.services.map((s) => [s.name, `${Math.round(s.timeToReadyMs)} ms`, mib(s.rssMiB), mib(s.peakRssMiB)]);
}
const SERVICE_HEAD = ['service (production bundle)', 'time to ready', 'RSS after the load', 'peak RSS'];

/** A plain-text table, columns padded to their widest cell. */
export function textTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const markdownTable = (head: string[], rows: string[][]) =>
  [head, head.map(() => '---'), ...rows].map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`).join('\n');

export function printResults(results: BenchResults): void {
  const argon2 = results.argon2;
  console.log(['', textTable(HEAD, scenarioRows(results)), '', textTable(SERVICE_HEAD, serviceRows(results))].join('\n'));
  if (argon2)
    console.log(
      `\nraw argon2id verify rate: ${argon2.verifiesPerSecond.toFixed(1)}/s (m=${argon2.memoryKiB} KiB, t=${argon2.timeCost}, p=${argon2.parallelism}, ${argon2.concurrency} at once)`,
    );
}

export function markdownReport(results: BenchResults): string {
  const { machine, options, argon2 } = results;
  return [
    `# Benchmark ${results.startedAt}`,
    '',
    `Commit ${results.commit}; ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}.`,
    `${options.connections} connections on loopback; each scenario recorded ${options.duration} s and its ceiling ${options.ceilingDuration} s, each after ${options.warmup} s unrecorded; ${options.catalogSize.toLocaleString('en-US')} products${options.smoke ? '; SMOKE run: the numbers only show the harness works' : ''}.`,
    '',
    'The ceiling of a scenario is a bare node:http server on this machine answering its requests with the real route’s response (same status, headers and body), measured just before it and again just after it (both shown, before → after); “of ceiling” divides the scenario’s request rate by their mean.',
    '',
    `![percent of ceiling per scenario](${CHART})`,
    '',
    markdownTable(HEAD, scenarioRows(results)),
    '',
    argon2
      ? `Raw argon2id verify rate: ${argon2.verifiesPerSecond.toFixed(1)}/s at m=${argon2.memoryKiB} KiB, t=${argon2.timeCost}, p=${argon2.parallelism}, ${argon2.concurrency} at once (ARGON2_MAX_CONCURRENCY).`
      : '',
    '',
    markdownTable(SERVICE_HEAD, serviceRows(results)),
    '',
  ].join('\n');
}

/** results.json (and a copy named for its start, for later `--compare`), report.md and the chart, under `dir`. */
export function writeResults(results: BenchResults, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const files = {
    'results.json': json,
    [`results-${stamp}.json`]: json,
    'report.md': markdownReport(results),
    [CHART]: percentBarChart(
      `Percent of ceiling per scenario (${results.startedAt}, ${results.commit})`,
      results.scenarios.map((s) => ({ label: s.title, value: s.percentOfCeiling })),
    ),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return Object.keys(files).map((name) => join(dir, name));
}
