import { formatRatio, type BenchResults, type Ratio } from './bench-results';

/**
 * One ratio before and after: `27.1% → 31.4% (+4.3 pts, ×1.16)` for a share, `×2.10 → ×1.80 (×0.86)` for a
 * latency multiple. Ratios of one run each, so a change is judged by numbers made back to back, not by raw rates.
 */
export function formatChange(kind: Ratio['kind'], before: number | undefined, after: number | undefined): string {
  if (before === undefined && after === undefined) return '-';
  if (before === undefined) return `new: ${formatRatio(kind, after)}`;
  if (after === undefined) return `${formatRatio(kind, before)} → not measured`;
  const factor = before > 0 ? ` ×${(after / before).toFixed(2)}` : '';
  if (kind === 'times') return `${formatRatio(kind, before)} → ${formatRatio(kind, after)} (${factor.trim() || 'no base'})`;
  const points = after - before;
  return `${formatRatio(kind, before)} → ${formatRatio(kind, after)} (${points >= 0 ? '+' : ''}${points.toFixed(1)} pts,${factor || ' no base'})`;
}

/** The report `--compare <earlier results.json>` prints: every scenario's share of its ceiling and its other ratios, then the services. */
export function compareRuns(before: BenchResults, after: BenchResults): string[] {
  const earlier = new Map(before.scenarios.map((s) => [s.id, s]));
  const ids = [...after.scenarios.map((s) => s.id), ...before.scenarios.map((s) => s.id).filter((id) => !after.scenarios.some((s) => s.id === id))];
  const lines = [`compared with ${before.startedAt} (${before.commit}) → ${after.startedAt} (${after.commit})`];
  const settings = (r: BenchResults) => JSON.stringify(r.options);
  if (settings(before) !== settings(after)) lines.push(`the runs' settings differ (${settings(before)} → ${settings(after)}): read the changes with care`);
  lines.push('');
  for (const id of ids) {
    const old = earlier.get(id);
    const now = after.scenarios.find((s) => s.id === id);
    lines.push(`${(now ?? old)?.title ?? id}`);
    lines.push(`  of ceiling: ${formatChange('percent', old?.percentOfCeiling, now?.percentOfCeiling)}`);
    const ofs = [...new Set([...(now?.ratios ?? []), ...(old?.ratios ?? [])].map((r) => r.of))];
    for (const of of ofs) {
      const a = old?.ratios.find((r) => r.of === of);
      const b = now?.ratios.find((r) => r.of === of);
      lines.push(`  of ${of}: ${formatChange((b ?? a)?.kind ?? 'percent', a?.value, b?.value)}`);
    }
  }
  const services = new Map(before.services.map((s) => [s.name, s]));
  if (after.services.length) lines.push('');
  for (const s of after.services) {
    const old = services.get(s.name);
    const change = (label: string, unit: string, a?: number, b?: number) =>
      `${label} ${a === undefined ? '-' : Math.round(a)} → ${b === undefined ? '-' : Math.round(b)} ${unit}`;
    lines.push(`${s.name}: ${change('ready in', 'ms', old?.timeToReadyMs, s.timeToReadyMs)}, ${change('RSS', 'MiB', old?.rssMiB, s.rssMiB)}`);
  }
  return lines;
}
