import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { freePort, type TestDatabase } from '@mercato/data';
import { testKeys } from './keys';
import { spawnService, stopService, waitUntilReady } from './processes';

export interface ServiceProcess {
  child: ChildProcess;
  port: number;
  /** Base URL of the service on its loopback port. */
  url: string;
  stop(): Promise<void>;
}

export interface ServiceProcessOptions {
  database: TestDatabase;
  /** Added to, or overriding, the standard test environment. */
  env?: Record<string, string>;
  /** A port chosen beforehand, when another setting must name the service's address; a free one otherwise. */
  port?: number;
}

/**
 * A service run from its sources as its own process, for tests that need one (apps may not import each other,
 * or the test reads the process itself): the same environment startTestApp gives an in-process app, on a free
 * loopback port, resolved once the service answers ready.
 */
export async function startServiceProcess(name: string, { database, env, port: chosen }: ServiceProcessOptions): Promise<ServiceProcess> {
  const port = chosen ?? (await freePort());
  const keys = testKeys();
  const child = spawnService(
    { name, entry: `apps/${name}/src/main.ts` },
    {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: `mercato-test:${name}:${randomBytes(4).toString('hex')}:`,
      JWT_PRIVATE_KEY: keys.privateKey,
      JWT_PUBLIC_KEY: keys.publicKey,
      HOST: '127.0.0.1',
      ...env,
      PORT: String(port),
    },
  );
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  try {
    await waitUntilReady(port, exited);
  } catch (error) {
    await stopService(child); // never leave a service that did not come up running behind the test
    throw error;
  }
  if (exited()) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before becoming ready; its output is above`);
  return { child, port, url: `http://127.0.0.1:${port}`, stop: () => stopService(child) };
}
