import { runLoad, type LoadResult, type LoadSpec } from './autocannon-run';
import { withCeiling, type Argon2Rate, type CeilingMeasurement, type ScenarioRecord } from './bench-results';
import type { CeilingServer } from './ceiling';
import type { ResponseShape } from './response-shape';

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
 * go, so every scenario gets its own, measured just before it with the real route's response, and is divided by that.
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

  /** The ceiling for `spec`'s response (or the one given, where sending the request has effects to control). */
  ceiling(spec: LoadSpec, shape?: ResponseShape): Promise<CeilingMeasurement> {
    const { ceilingDuration: duration, warmup } = this.options;
    return this.ceilingServer.measure(spec, { duration, warmup }, shape);
  }

  /** Its ceiling, then the scenario; the record is kept and returned. */
  async measure(id: string, spec: LoadSpec): Promise<ScenarioRecord> {
    const ceiling = await this.ceiling(spec);
    return this.record(id, await runLoad(spec, this.options.warmup), ceiling);
  }

  record(id: string, result: LoadResult, ceiling?: CeilingMeasurement): ScenarioRecord {
    const record = withCeiling({ ...result, id }, ceiling);
    this.scenarios.push(record);
    const share = record.percentOfCeiling === undefined ? '' : `, ${record.percentOfCeiling.toFixed(1)}% of its ceiling (${ceiling?.rps} req/s)`;
    console.log(`${result.title}: ${result.rps} ${result.unit ?? 'req'}/s, p99 ${result.p99} ms${share}`);
    return record;
  }
}
