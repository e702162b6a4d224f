import { runLoad, type LoadResult, type LoadSpec } from './autocannon-run';
import { withCeiling, type Argon2Rate, type CeilingMeasurement, type ScenarioRecord } from './bench-results';
import type { CeilingServer } from './ceiling';

export interface BenchOptions {
  /** Seconds each scenario is recorded. */
  duration: number;
  /** Seconds each ceiling measurement is recorded. */
  ceilingDuration: number;
  /** Unrecorded seconds before each recording. */
  warmup: number;
  connections: number;
}

/**
 * One run's measurements, in the order made. The ceiling moves within a run as the machine's other tenants come and
 * go, so every scenario gets its own, measured with the real route's response just before it and again just after,
 * and is divided by their mean.
 */
export class BenchSession {
  readonly scenarios: ScenarioRecord[] = [];
  argon2?: Argon2Rate;

  constructor(
    readonly options: BenchOptions,
    private readonly ceilingServer: CeilingServer,
  ) {}

  /** The spec's connections and duration, for a scenario's load. */
  load(): { connections: number; duration: number } {
    return { connections: this.options.connections, duration: this.options.duration };
  }

  /** Its ceiling, then the scenario; the record is kept and returned. */
  async measure(id: string, spec: LoadSpec): Promise<ScenarioRecord> {
    const { result, ceiling } = await this.bracketed(spec, () => runLoad(spec, this.options.warmup));
    return this.record(id, result, ceiling);
  }

  /**
   * Runs `scenario` between two measurements of `spec`'s ceiling, and gives their mean as its ceiling: the machine's
   * pace on both sides of the scenario, not only just before it, so a tenant arriving mid-run skews the ratio less.
   */
  async bracketed<T>(spec: LoadSpec, scenario: () => Promise<T>): Promise<{ result: T; ceiling: CeilingMeasurement }> {
    const durations = { duration: this.options.ceilingDuration, warmup: this.options.warmup };
    const before = await this.ceilingServer.measure(spec, durations);
    const result = await scenario();
    const after = await this.ceilingServer.again(spec, durations);
    const samples = [before.rps, after.rps];
    return {
      result,
      ceiling: {
        ...before,
        rps: Math.round((before.rps + after.rps) / 2),
        p50: Math.max(before.p50, after.p50),
        p99: Math.max(before.p99, after.p99),
        samples,
      },
    };
  }

  record(id: string, result: LoadResult, ceiling?: CeilingMeasurement): ScenarioRecord {
    const record = withCeiling({ ...result, id }, ceiling);
    this.scenarios.push(record);
    const share = record.percentOfCeiling === undefined ? '' : `, ${record.percentOfCeiling.toFixed(1)}% of its ceiling (${ceiling?.rps} req/s)`;
    console.log(`${result.title}: ${result.rps} ${result.unit ?? 'req'}/s, p99 ${result.p99} ms${share}`);
    return record;
  }
}
