import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readRepoText } from './compose';

/** One nginx directive: `name args…;` or `name args… { block }`. */
export interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
}

export const NGINX_DIR = 'deploy/nginx';
const ROOT = join(__dirname, '..', '..');

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const token = /\s+|#[^\n]*|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([{};])|([^\s{};'"#]+)/y;
  while (token.lastIndex < text.length) {
    const at = token.lastIndex;
    const m = token.exec(text);
    if (!m) throw new Error(`cannot read nginx config at offset ${at}`);
    const value = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (value !== undefined) tokens.push(value);
  }
  return tokens;
}

function parseBlock(tokens: string[], at: { i: number }, closed: boolean): Directive[] {
  const directives: Directive[] = [];
  let words: string[] = [];
  while (at.i < tokens.length) {
    const t = tokens[at.i++];
    if (t === ';') {
      const [name, ...args] = words;
      directives.push({ name, args });
      words = [];
    } else if (t === '{') {
      const [name, ...args] = words;
      directives.push({ name, args, block: parseBlock(tokens, at, true) });
      words = [];
    } else if (t === '}') {
      if (!closed || words.length) throw new Error('unbalanced } in nginx config');
      return directives;
    } else {
      words.push(t);
    }
  }
  if (closed || words.length) throw new Error('nginx config ends inside a directive');
  return directives;
}

/** Parses a config file of deploy/nginx, inlining its includes (paths relative to that folder, as nginx -c does). */
export function readNginx(file = 'nginx.conf'): Directive[] {
  const parsed = parseBlock(tokenize(readRepoText(join(NGINX_DIR, file))), { i: 0 }, false);
  return inlineIncludes(parsed);
}

function inlineIncludes(directives: Directive[]): Directive[] {
  return directives.flatMap((d) => {
    if (d.name === 'include') return includedFiles(d.args[0]).flatMap((file) => readNginx(file));
    return [d.block ? { ...d, block: inlineIncludes(d.block) } : d];
  });
}

/** The files an include names; a `*` in the file name is a glob, and a glob matching nothing is no error. */
function includedFiles(pattern: string): string[] {
  if (!pattern.includes('*')) return [pattern];
  const dir = join(ROOT, NGINX_DIR, dirname(pattern));
  if (!existsSync(dir)) return [];
  const name = new RegExp(
    `^${pattern
      .split('/')
      .at(-1)
      ?.split('*')
      .map((p) => p.replace(/[.]/g, '\\.'))
      .join('.*')}$`,
  );
  return readdirSync(dir)
    .filter((f) => name.test(f))
    .map((f) => join(dirname(pattern), f));
}

export function all(directives: Directive[], name: string): Directive[] {
  return directives.filter((d) => d.name === name);
}

export function one(directives: Directive[], name: string): Directive {
  const found = all(directives, name);
  if (found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}`);
  return found[0];
}

/** A directive's value at a level, or the one it inherits from an enclosing level (nginx's inheritance). */
export function inherited(levels: Directive[][], name: string): Directive[] {
  for (const level of [...levels].reverse()) {
    const found = all(level, name);
    if (found.length) return found;
  }
  return [];
}

/**
 * The location nginx picks for a path (ngx_http_core_module's order): an exact `=` match; else the longest
 * prefix if it is `^~`; else the first regex (`~`, `~*` case-insensitive) in config order that matches;
 * else the longest prefix. Nested locations are not modelled. The routes' regexes are plain enough that
 * JavaScript reads them as PCRE does.
 */
export function locationFor(server: Directive[], path: string): Directive | undefined {
  const locations = all(server, 'location').filter((l) => !l.args[0].startsWith('@'));
  const exact = locations.find((l) => l.args[0] === '=' && l.args[1] === path);
  if (exact) return exact;
  const isRegex = (l: Directive) => l.args[0] === '~' || l.args[0] === '~*';
  const prefix = (l: Directive) => (l.args[0] === '^~' ? l.args[1] : l.args[0]);
  const longest = locations
    .filter((l) => l.args[0] !== '=' && !isRegex(l) && path.startsWith(prefix(l)))
    .sort((a, b) => prefix(b).length - prefix(a).length)[0];
  if (longest?.args[0] === '^~') return longest;
  const regex = locations.find((l) => isRegex(l) && new RegExp(l.args[1], l.args[0] === '~*' ? 'i' : '').test(path));
  return regex ?? longest;
}

/** nginx's size syntax (1m, 512k, 1048576) in bytes. */
export function bytes(size: string): number {
  const [, n, unit] = /^(\d+)([kKmMgG]?)$/.exec(size) ?? [];
  if (n === undefined) throw new Error(`not an nginx size: ${size}`);
  return Number(n) * 1024 ** ['', 'k', 'm', 'g'].indexOf((unit ?? '').toLowerCase());
}

/** Requests per second of a `rate=10r/m` argument. */
export function ratePerSecond(rate: string): number {
  const [, n, per] = /^rate=(\d+)r\/([sm])$/.exec(rate) ?? [];
  if (n === undefined) throw new Error(`not an nginx rate: ${rate}`);
  return Number(n) / (per === 'm' ? 60 : 1);
}
