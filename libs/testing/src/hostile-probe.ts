import { Client } from 'pg';
import type supertest from 'supertest';
import { bodyWith, HOSTILE_BODIES, HOSTILE_VALUES, type HostileValue } from './hostile-input';
import { operationsOf, type OpenApiDocument } from './openapi';
import type { TestApp } from './test-app';

export interface RestProbeOptions {
  headers: Record<string, string>;
  /** A valid value for each path parameter, by name. */
  pathParams: Record<string, string>;
  /** A valid body for each operation that takes one, keyed `METHOD /path`. */
  bodies: Record<string, Record<string, unknown>>;
}

interface RestProbe extends RestProbeOptions {
  http: ReturnType<typeof supertest>;
  doc: OpenApiDocument;
}

interface Attempt {
  operation: string;
  where: string;
  value: HostileValue;
  method: string;
  path: string;
  query?: string;
  body?: string;
}

/**
 * Throws every hostile value at every parameter and body field of every documented operation, one at a time,
 * with everything else valid, and returns what went wrong: a 5xx, unstorable text accepted, or a refused
 * request (or one accepting a value no field should take) that changed a stored row.
 */
export async function probeRestOperations(app: TestApp, options: RestProbeOptions): Promise<string[]> {
  const doc = (await app.http.get('/docs-json').expect(200)).body as OpenApiDocument;
  const probe: RestProbe = { ...options, http: app.http, doc };
  const failures: string[] = [];
  // the app's rows, which a refused request must leave exactly as they were
  const rows = await storedRows(app.database.url);
  try {
    let before = await rows.fingerprint();
    for (const attempt of attemptsFor(probe)) {
      const res = await send(probe, attempt);
      const after = await rows.fingerprint();
      const what = `${attempt.operation} ${attempt.where} = ${attempt.value.label}: ${res.status}`;
      const accepted = res.status < 300;
      if (res.status >= 500) failures.push(`${what} ${JSON.stringify(res.body).slice(0, 200)}`);
      else if (attempt.value.unstorable && accepted) failures.push(`${what} (unstorable text accepted)`);
      else if (after !== before && !(accepted && attempt.value.benign)) failures.push(`${what} (stored rows changed)`);
      before = after;
    }
  } finally {
    await rows.close();
  }
  return failures;
}

function* attemptsFor(probe: RestProbe): Generator<Attempt> {
  for (const [operation, op] of operationsOf(probe.doc)) {
    const [method = 'GET', template = '/'] = operation.split(' ');
    const params = op.parameters ?? [];
    const pathWith = (hostile: Record<string, string> = {}) =>
      template.replace(/\{(\w+)\}/g, (_, name: string) => hostile[name] ?? encodeURIComponent(probe.pathParams[name] ?? '1'));
    const path = pathWith();
    const valid = probe.bodies[operation];
    const body = valid ? JSON.stringify(valid) : undefined;
    for (const value of HOSTILE_VALUES) {
      const { segment, query } = value;
      if (segment !== undefined) {
        for (const param of params.filter((p) => p.in === 'path')) {
          yield { operation, where: `path ${param.name}`, value, method, path: pathWith({ [param.name]: segment }), body };
        }
      }
      for (const param of query ? params.filter((p) => p.in === 'query') : []) {
        yield { operation, where: `query ${param.name}`, value, method, path, query: query?.(param.name), body };
      }
      for (const field of valid ? fieldsOf(probe.doc, op, valid) : []) {
        yield { operation, where: `body ${field}`, value, method, path, body: bodyWith(valid ?? {}, field, value) };
      }
    }
    if (valid) for (const value of HOSTILE_BODIES) yield { operation, where: 'body', value, method, path, body: value.json };
  }
}

/** The body's documented properties and the ones the valid example sends. */
function fieldsOf(doc: OpenApiDocument, op: object, valid: Record<string, unknown>): string[] {
  const ref = (op as { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }).requestBody?.content?.['application/json']?.schema?.$ref;
  const schema = ref ? doc.components.schemas[ref.slice(ref.lastIndexOf('/') + 1)] : undefined;
  return [...new Set([...Object.keys(schema?.properties ?? {}), ...Object.keys(valid)])];
}

async function send(probe: RestProbe, attempt: Attempt): Promise<{ status: number; body: unknown }> {
  const url = attempt.query ? `${attempt.path}?${attempt.query}` : attempt.path;
  let request = probe.http[attempt.method.toLowerCase() as 'get'](url).set(probe.headers);
  if (attempt.body !== undefined) request = request.set('Content-Type', 'application/json').send(attempt.body);
  try {
    const res = await request;
    return { status: res.status, body: res.body };
  } catch (error) {
    // Node's HTTP parser answers an oversized request line (431) and may close before the body is sent.
    if (/ECONNRESET|EPIPE|socket hang up/.test(String(error))) return { status: 431, body: String(error) };
    throw error;
  }
}

export interface StoredRows {
  /** A hash of every row of every table: any stored change changes it. */
  fingerprint(): Promise<string>;
  close(): Promise<void>;
}

export async function storedRows(databaseUrl: string): Promise<StoredRows> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const parts = rows.map(({ table_name: t }) => `(SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) FROM "${t}" r)`);
  const sql = `SELECT concat_ws(',', ${parts.join(', ')}) AS fingerprint`;
  return {
    fingerprint: async () => (await db.query<{ fingerprint: string }>(sql)).rows.map((r) => r.fingerprint).join(),
    close: () => db.end(),
  };
}
