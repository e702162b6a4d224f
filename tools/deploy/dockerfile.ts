import { DockerfileParser, ModifiableInstruction, type Instruction } from 'dockerfile-ast';
import { readRepoText } from './compose';

/** One build stage: what FROM names (a base image or an earlier stage), and its instructions after FROM. */
export interface Stage {
  name: string | null;
  from: string;
  instructions: Instruction[];
}

export function readStages(): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(readRepoText('Dockerfile')).getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const [from, as, name] = instruction.getArguments().map((a) => a.getValue());
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : null, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** The Node major version package.json's `engines` asks for (`>=24.11.0` → 24): images and CI run that one. */
export function engineMajor(): number {
  const range = (JSON.parse(readRepoText('package.json')) as { engines: { node: string } }).engines.node;
  const major = /^>=\s*(\d+)\./.exec(range)?.[1];
  if (!major) throw new Error(`engines.node should be a lower bound (>=24.x.y), not ${range}`);
  return Number(major);
}

/** Substitutes the build args given to `docker build` into a Dockerfile word, as BuildKit does. */
export function withArgs(word: string, args: Record<string, string>): string {
  return word.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, braced?: string, bare?: string) => args[(braced ?? bare) as string] ?? '');
}

/**
 * The stages that make the image `docker build --build-arg APP=<app>` produces, base first: the last stage,
 * then each stage its FROM names, down to the one that starts from a registry image.
 */
export function imageChain(stages: Stage[], app: string): Stage[] {
  const chain: Stage[] = [];
  for (let stage = stages.at(-1); stage; stage = stages.find((s) => s.name === withArgs(stage?.from ?? '', { APP: app }))) {
    if (chain.includes(stage)) throw new Error(`stage ${stage.name} names itself`);
    chain.unshift(stage);
  }
  return chain;
}

export function baseImage(chain: Stage[], app: string): string {
  return withArgs(chain[0].from, { APP: app });
}

export function instructions(chain: Stage[], keyword: string): Instruction[] {
  return chain.flatMap((s) => s.instructions).filter((i) => i.getKeyword() === keyword);
}

/** An instruction's words after its flags (RUN --mount, COPY --from and HEALTHCHECK --interval are flags). */
export function words(instruction: Instruction): string[] {
  return instruction.getArguments().map((a) => a.getValue());
}

export function flagsOf(instruction: Instruction): Map<string, string> {
  const flags = instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
  return new Map(flags.map((f) => [f.getName(), f.getValue() ?? '']));
}

export function jsonForm(text: string): string[] {
  return JSON.parse(text.slice(text.indexOf('['))) as string[];
}

/** ENV values in effect at the end of the chain (later stages override earlier ones). */
export function envOfChain(chain: Stage[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const instruction of instructions(chain, 'ENV')) {
    for (const [name, value] of envPairs(instruction)) env.set(name, value);
  }
  return env;
}

export function envPairs(instruction: Instruction): [string, string][] {
  return words(instruction).map((word) => {
    const eq = word.indexOf('=');
    return [word.slice(0, eq), word.slice(eq + 1).replace(/^"(.*)"$/, '$1')];
  });
}

/** Flags (`interval` → `15s`) and the CMD array of a HEALTHCHECK. */
export function healthcheckOf(instruction: Instruction): { flags: Map<string, string>; command: string[] } {
  const text = instruction.getArgumentsContent() ?? '';
  return { flags: flagsOf(instruction), command: jsonForm(text.slice(text.indexOf('CMD'))) };
}

/** The stages whose files a chain copies in with COPY --from, and what it copies from each. */
export function copiesFrom(chain: Stage[]): { stage: string; sources: string[] }[] {
  return instructions(chain, 'COPY').flatMap((copy) => {
    const from = flagsOf(copy).get('from');
    return from ? [{ stage: from, sources: words(copy).slice(0, -1) }] : [];
  });
}

/** .dockerignore patterns in order; `!` re-includes. Matching follows Docker: a pattern also covers what is below it. */
export function readDockerignore(): string[] {
  return readRepoText('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

export function isIgnored(path: string, patterns: string[]): boolean {
  let ignored = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).replace(/^\/+/, '');
    const source = pattern
      .split(/(\*\*\/|\*\*|\*|\?)/)
      .map((part) => ({ '**/': '(.*/)?', '**': '.*', '*': '[^/]*', '?': '[^/]' })[part] ?? part.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
      .join('');
    if (new RegExp(`^${source}(/.*)?$`).test(path)) ignored = !negated;
  }
  return ignored;
}
