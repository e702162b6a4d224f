import { ensureBundles } from './bundles';
import { postgresRestartDrill, redisRestartDrill, shutdownDrill, startDrillServices, type DrillResult, type DrillTimings } from './drills';
import { startDrillPlatform } from './platform';
import { redisServerMissing } from './redis-server';

export const DRILL_APPS = ['users-api', 'products-api'];

/**
 * Every drill, one after another, on a platform of their own (embedded PostgreSQL, a redis-server when one is
 * on PATH, the services' production bundles), which is torn down whatever happens.
 */
export async function runDrills(timings: DrillTimings): Promise<DrillResult[]> {
  ensureBundles(DRILL_APPS);
  const noRedis = redisServerMissing();
  const platform = await startDrillPlatform({ withRedis: !noRedis });
  try {
    const services = await startDrillServices(platform);
    const redis = await redisRestartDrill(platform, services, timings);
    if (noRedis) redis.notes = [`skipped: ${noRedis}`];
    return [redis, await postgresRestartDrill(platform, services, timings), await shutdownDrill(services, timings)];
  } finally {
    await platform.stop();
  }
}

/** `PASS  postgres-restart  responses 200×900 503×4000  failed 0  …` and, on failure, why. */
export function reportLine(result: DrillResult): string {
  const verdict = result.passed === undefined ? 'SKIP' : result.passed ? 'PASS' : 'FAIL';
  return [verdict, result.name, ...result.numbers, ...result.notes].join('  ');
}
