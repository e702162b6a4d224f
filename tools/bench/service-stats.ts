import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ChildProcess } from 'node:child_process';

const POLL_MS = 10;

const answersReady = (port: number) =>
  new Promise<boolean>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/health/ready', timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });

/**
 * Milliseconds from `spawnedAt` (performance.now() just before the spawn) to the first 200 of /health/ready,
 * polled every 10 ms so the figure is within about that of the truth.
 */
export async function timeToReady(child: ChildProcess, port: number, spawnedAt: number, timeoutMs = 60_000): Promise<number> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the service on port ${port} exited (${child.exitCode ?? child.signalCode}) before becoming ready; its output is above`);
    if (await answersReady(port)) return performance.now() - spawnedAt;
    if (performance.now() - spawnedAt > timeoutMs) throw new Error(`no service became ready on port ${port} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Resident memory of a process now and at its peak, in MiB, from /proc (Linux); undefined where there is no /proc. */
export function memoryOf(pid: number | undefined): { rssMiB?: number; peakRssMiB?: number } {
  if (pid === undefined) return {};
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024 };
  } catch {
    return {};
  }
}
