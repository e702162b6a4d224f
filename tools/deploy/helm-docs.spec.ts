import { readFileSync } from 'node:fs';
import { README_FILE, renderReadme, valueRows } from './helm-docs';

describe('the chart README', () => {
  it('lists every value of values.yaml with its comment and default (regenerate with npm run docs:helm)', () => {
    expect(renderReadme()).toBe(readFileSync(README_FILE, 'utf8'));
  });

  it('refuses a value nobody described', () => {
    const values = ['# The public host.', 'hostname: a.example', 'replicas: 2', ''].join('\n');
    expect(() => valueRows(values)).toThrow(/no comment describes replicas/);
  });

  it('documents a commented block as one row, and a block whose keys have comments key by key', () => {
    const values = ['# Requests and limits.', 'resources:', '  requests:', '    cpu: 1', 'probe:', '  # Probe it.', '  enabled: true', ''].join('\n');
    expect(valueRows(values)).toEqual([
      { key: 'resources', description: 'Requests and limits.', default: '{"requests":{"cpu":1}}' },
      { key: 'probe.enabled', description: 'Probe it.', default: 'true' },
    ]);
  });
});
