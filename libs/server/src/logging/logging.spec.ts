import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { rootLogger } from './logging';

type Line = Record<string, unknown>;

/** A root logger at `level` whose lines land in `lines`, parsed. */
function loggerInto(lines: Line[], level: 'info' | 'warn') {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Line);
      done();
    },
  });
  return rootLogger({ LOG_LEVEL: level, LOG_DESTINATION: 'stdout', NODE_ENV: 'production' }, { name: 'shop' }, sink);
}

async function loggedApp(level: 'info' | 'warn') {
  const lines: Line[] = [];
  const root = loggerInto(lines, level);
  let requests = 0;
  const fastify = Fastify({ genReqId: () => `id-${requests++}` });
  root.logRequests(fastify);
  fastify.get('/work', async () => {
    await sleep(5); // the id must survive awaits, as it does across a database query
    root.pino.warn('inside the handler');
    return { ok: true };
  });
  await fastify.ready();
  return { fastify, lines };
}

describe('request logging', () => {
  it('writes one access line per response, and every line logged while serving carries the request id', async () => {
    const { fastify, lines } = await loggedApp('info');
    const ok = await fastify.inject({ url: '/work' });
    const missing = await fastify.inject({ url: '/nowhere?x=1' });
    await fastify.close();
    expect(ok.statusCode).toBe(200);
    expect(missing.statusCode).toBe(404);
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, service: 'shop', request_id: 'id-0', msg: 'inside the handler' }),
      expect.objectContaining({ level: 30, request_id: 'id-0', req: { method: 'GET', url: '/work' }, res: { status: 200 } }),
      expect.objectContaining({ level: 40, request_id: 'id-1', req: { method: 'GET', url: '/nowhere?x=1' }, res: { status: 404 } }),
    ]);
  });

  it('at warn writes no access line for a success, and lines outside a request carry no id', async () => {
    const { fastify, lines } = await loggedApp('warn');
    await fastify.inject({ url: '/work' });
    await fastify.close();
    expect(lines).toEqual([expect.objectContaining({ level: 40, request_id: 'id-0', msg: 'inside the handler' })]);
    const outside: Line[] = [];
    loggerInto(outside, 'info').pino.info('startup');
    expect(outside).toEqual([expect.objectContaining({ msg: 'startup' })]);
    expect(outside[0]).not.toHaveProperty('request_id');
  });
});
