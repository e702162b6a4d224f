/**
 * Values an attacker or a broken client sends, written as raw JSON text (1e309, -0 and NaN cannot survive
 * JSON.stringify) and as query-string text. `benign` marks values a field may rightly accept (an empty
 * description, stock of -0), so a write that succeeds with one of them is not a failure.
 */
export interface HostileValue {
  label: string;
  json: string;
  /** The query-string text that sends this value as parameter `name`; absent where a query cannot say it. */
  query?: (name: string) => string;
  /** The same as a percent-encoded path segment; absent where a path cannot say it. */
  segment?: string;
  benign?: boolean;
  /** Never valid text anywhere: the answer must be a 4xx, whatever the field. */
  unstorable?: boolean;
}

const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const big = (bytes: number) => JSON.stringify('x'.repeat(bytes));

export const HOSTILE_VALUES: HostileValue[] = [
  { label: 'NUL byte', json: '"a\\u0000b"', query: (n) => `${n}=a%00b`, segment: 'a%00b', unstorable: true },
  { label: 'lone high surrogate', json: '"a\\ud800b"', unstorable: true },
  { label: 'lone low surrogate', json: '"\\udc00"', unstorable: true },
  // what a lone surrogate becomes in a URL: UTF-8 that no decoder accepts
  { label: 'invalid UTF-8', json: '"\\ufffd"', benign: true, query: (n) => `${n}=a%ED%A0%80b`, segment: 'a%ED%A0%80b' },
  { label: 'NUL in an object value', json: '{"k":"a\\u0000b"}', unstorable: true },
  { label: 'NUL in an object key', json: '{"a\\u0000b":1}', unstorable: true },
  { label: 'lone surrogate in an object value', json: '{"k":["\\udfff"]}', unstorable: true },
  { label: '100 KB string', json: big(100_000), query: (n) => `${n}=${'x'.repeat(100_000)}`, segment: 'x'.repeat(100_000) },
  { label: '1 MB string', json: big(1_048_576), query: (n) => `${n}=${'x'.repeat(1_048_576)}`, segment: 'x'.repeat(1_048_576) },
  { label: '1e309', json: '1e309', query: (n) => `${n}=1e309`, segment: '1e309' },
  { label: '1e21', json: '1e21', query: (n) => `${n}=1e21`, segment: '1e21' },
  { label: '-1e21', json: '-1e21', query: (n) => `${n}=-1e21`, segment: '-1e21' },
  { label: '2^53 + 1', json: '9007199254740993', query: (n) => `${n}=9007199254740993`, segment: '9007199254740993' },
  { label: '-0', json: '-0', query: (n) => `${n}=-0`, segment: '-0', benign: true },
  { label: 'NaN', json: 'NaN', query: (n) => `${n}=NaN`, segment: 'NaN' },
  { label: 'empty string', json: '""', query: (n) => `${n}=`, benign: true },
  { label: 'null', json: 'null', benign: true }, // clears an optional field
  { label: 'true', json: 'true', query: (n) => `${n}=true`, segment: 'true' },
  { label: 'array', json: '["x",1]', query: (n) => `${n}=x&${n}=1` },
  { label: 'object', json: '{"x":1}', benign: true, query: (n) => `${n}[x]=1` },
  { label: 'nested 100 deep', json: deep(100), query: (n) => `${n}${'[a]'.repeat(100)}=1` },
  { label: '__proto__ key', json: '{"__proto__":{"role":"admin"}}', query: () => '__proto__[role]=admin', segment: '__proto__' },
  {
    label: 'constructor.prototype key',
    json: '{"constructor":{"prototype":{"role":"admin"}}}',
    query: () => 'constructor[prototype][role]=admin',
    segment: 'constructor',
  },
  { label: 'path traversal', json: '"../../etc/passwd"', benign: true, query: (n) => `${n}=..%2F..%2Fetc%2Fpasswd`, segment: '..%2F..%2Fetc%2Fpasswd' },
];

/** Values that replace a whole request body rather than one field of it. */
export const HOSTILE_BODIES: HostileValue[] = [
  ...HOSTILE_VALUES,
  { label: 'JSON-RPC batch', json: '[{"jsonrpc":"2.0","id":1,"method":"tools/list"}]' },
  { label: 'truncated JSON', json: '{"a":' },
];

/** The body `{ ...valid, [field]: <hostile> }` as raw JSON text. */
export function bodyWith(valid: Record<string, unknown>, field: string, hostile: HostileValue): string {
  const entries = Object.entries({ ...valid, [field]: null }).map(
    ([key, value]) => `${JSON.stringify(key)}:${key === field ? hostile.json : JSON.stringify(value)}`,
  );
  return `{${entries.join(',')}}`;
}
