export interface Bar {
  label: string;
  /** Percent; undefined draws no bar and says so. */
  value?: number;
}

const ROW = 24;
const LABEL_WIDTH = 340;
const BAR_WIDTH = 380;
const TOP = 34;

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A horizontal bar chart of percent-of-ceiling, one bar per scenario, as a self-contained SVG (no fonts or scripts
 * to load): the scale runs to 100% (further if a bar passes it), with a line every 25%.
 */
export function percentBarChart(title: string, bars: Bar[]): string {
  const max = Math.max(100, ...bars.map((b) => b.value ?? 0));
  const x = (percent: number) => LABEL_WIDTH + (BAR_WIDTH * percent) / max;
  const height = TOP + bars.length * ROW + 24;
  const width = LABEL_WIDTH + BAR_WIDTH + 70;
  const grid = [0, 25, 50, 75, 100].map(
    (p) =>
      `<line x1="${x(p)}" y1="${TOP - 6}" x2="${x(p)}" y2="${height - 20}" stroke="#ccc"/>` +
      `<text x="${x(p)}" y="${height - 6}" text-anchor="middle" fill="#666">${p}%</text>`,
  );
  const rows = bars.map((bar, i) => {
    const y = TOP + i * ROW;
    const label = `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${escapeXml(bar.label)}</text>`;
    if (bar.value === undefined || !Number.isFinite(bar.value)) return `${label}<text x="${x(0) + 4}" y="${y + 15}" fill="#666">not measured</text>`;
    const w = x(Math.max(0, bar.value)) - x(0);
    return (
      label +
      `<rect class="bar" x="${x(0)}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 6}" fill="#3b6ea8"/>` +
      `<text x="${(x(0) + w + 4).toFixed(1)}" y="${y + 15}">${bar.value.toFixed(bar.value < 10 ? 2 : 1)}%</text>`
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="8" y="18" font-weight="bold">${escapeXml(title)}</text>`,
    ...grid,
    ...rows,
    '</svg>',
    '',
  ].join('\n');
}
