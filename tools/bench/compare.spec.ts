import type { BenchResults, ScenarioRecord } from './bench-results';
import { compareRuns, formatChange } from './compare';

describe('one ratio before and after', () => {
  it('shows a share’s change in points and as a factor', () => {
    expect(formatChange('percent', 27.1, 31.4)).toBe('27.1% → 31.4% (+4.3 pts, ×1.16)');
    expect(formatChange('percent', 20, 15)).toBe('20.0% → 15.0% (-5.0 pts, ×0.75)');
  });

  it('shows a latency multiple’s change as a factor', () => {
    expect(formatChange('times', 2.1, 1.8)).toBe('×2.10 → ×1.80 (×0.86)');
  });

  it('says when one side was not measured', () => {
    expect([formatChange('percent', undefined, 5), formatChange('percent', 5, undefined), formatChange('percent', undefined, undefined)]).toEqual([
      'new: 5.00%',
      '5.00% → not measured',
      '-',
    ]);
  });
});

const record = (id: string, percentOfCeiling: number, ratios: ScenarioRecord['ratios'] = []): ScenarioRecord => ({
  id,
  title: `title of ${id}`,
  rps: 1,
  p50: 1,
  p99: 1,
  non2xx: 0,
  errors: 0,
  percentOfCeiling,
  ratios,
});
const run = (commit: string, scenarios: ScenarioRecord[], timeToReadyMs: number): BenchResults => ({
  version: 1,
  startedAt: `${commit}-start`,
  finishedAt: `${commit}-end`,
  commit,
  machine: { cpus: 2, cpuModel: 'cpu', memoryGiB: 8, platform: 'linux x64', node: 'v24' },
  options: { duration: 10, ceilingDuration: 5, warmup: 2, connections: 32, catalogSize: 100_000, smoke: false },
  scenarios,
  services: [{ name: 'users-api', timeToReadyMs, rssMiB: 400 }],
});

it('warns when the runs were made with different settings', () => {
  const smoke = { ...run('bbb', [], 1_000), options: { ...run('bbb', [], 1_000).options, smoke: true } };
  expect(compareRuns(run('aaa', [], 1_000), smoke)[1]).toMatch(/^the runs' settings differ .*"smoke":false.* → .*"smoke":true/);
});

it('pairs scenarios and their ratios by id across two runs, and names those only one run has', () => {
  const mcpOfRest = (value: number) => [{ of: 'REST', kind: 'percent' as const, value }];
  const before = run('aaa', [record('mcp', 4, mcpOfRest(20)), record('gone', 3)], 1_200);
  const after = run('bbb', [record('mcp', 5, mcpOfRest(25)), record('new', 7)], 1_000);
  expect(compareRuns(before, after)).toEqual([
    'compared with aaa-start (aaa) → bbb-start (bbb)',
    '',
    'title of mcp',
    '  of ceiling: 4.00% → 5.00% (+1.0 pts, ×1.25)',
    '  of REST: 20.0% → 25.0% (+5.0 pts, ×1.25)',
    'title of new',
    '  of ceiling: new: 7.00%',
    'title of gone',
    '  of ceiling: 3.00% → not measured',
    '',
    'users-api: ready in 1200 → 1000 ms, RSS 400 → 400 MiB',
  ]);
});
