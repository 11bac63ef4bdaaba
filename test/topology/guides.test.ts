/**
 * The topology guides (docs/topologies/*.md) work as written. For every guide:
 * - every line of a ```sh block that starts with `istio-installer ` runs in-process from the
 *   repository root (main() of src/cli/main.ts, exactly as a user would run it there) and exits 0;
 * - what a command line pipes its output to decides what else is checked. The test runs the part
 *   before the first ` | ` and then:
 *     `kubectl ... apply -f -`  the output is Kubernetes YAML that passes strict validation (the
 *                               kubectl part itself needs a live cluster and is not run);
 *     `grep [-A N] [-E] 'RE'`   emulated on stdout (GNU grep's output, `--` between groups);
 *     anything else             fails: the test cannot check it, so the guide may not show it;
 * - a ```text block right after a ```sh block is exactly what the block's last line prints
 *   (its stdout, through the grep if it pipes to one, then its stderr);
 * - `workload entry configure -o DIR` writes into a fresh temporary directory instead of DIR (the
 *   test never writes into the repository); the files written are the ones the guide's table lists;
 * - a `remote-secret generate` line prints the Secret the guide says it does (name, namespace,
 *   multicluster label), and is applied in another cluster than the one it describes; a
 *   `manifest generate -f .../<cluster>.yaml` line is applied with `kubectl --context <cluster>`;
 * - every relative link and every `docs/...` path in a shell block exists.
 * Lines that start with anything else (kubectl, sudo, curl) need a live cluster or a VM: they are
 * not run.
 *
 * remote-secret and workload are registered in src/cli/main.ts by the lead once their registrars
 * exist (src/cli/remote-secret.ts, src/cli/workload.ts). Until then a command of such a group is run
 * through runMain() with its registrar when the file exists, and fails with a message naming the
 * missing file when it does not; the separate "registered in main.ts" check fails until the lead
 * has registered every group the guides use. Nothing is skipped.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runMain, type Registrar } from '../../src/cli/program.js';
import { KUBE_VERSIONS, validateObjects } from '../../src/manifest/index.js';
import type { KubeObject } from '../../src/revision/types.js';
import { ROOT } from '../differential/harness.js';

const GUIDE_DIR = 'docs/topologies';
const GUIDES = ['README.md', 'external-control-plane.md', 'primary-remote.md', 'multi-primary-multi-network.md', 'multi-cluster-services.md', 'vm-workloads.md'];

/** Command groups built by other helpers, with the file of their registrar. */
const REGISTRARS: Record<string, { file: string; exportName: string }> = {
  'remote-secret': { file: 'src/cli/remote-secret.ts', exportName: 'registerRemoteSecret' },
  workload: { file: 'src/cli/workload.ts', exportName: 'registerWorkload' },
};

interface Command {
  readonly guide: string;
  readonly line: string;
  readonly argv: readonly string[];
  /** Everything after the first ` | `, if anything. */
  readonly pipe?: string;
  /** The ```text block shown right after the shell block this line ends. */
  output?: string;
}

interface Guide {
  readonly file: string;
  readonly text: string;
  readonly commands: Command[];
  /** Every non-comment line of the guide's ```sh blocks. */
  readonly shellLines: string[];
  /** Relative link targets ([text](target)), without #fragments. */
  readonly links: string[];
}

function parseGuide(file: string): Guide {
  const text = readFileSync(join(ROOT, GUIDE_DIR, file), 'utf8');
  const guide: Guide = { file, text, commands: [], shellLines: [], links: [] };
  const lines = text.split('\n');
  /** The last line of the most recent ```sh block, while nothing but blank lines followed it. */
  let lastShell: { command?: Command } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    const fence = /^```(\w*)$/.exec(l);
    if (!fence) {
      for (const m of l.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = (m[1] as string).replace(/#.*$/, '');
        if (target !== '' && !/^[a-z]+:/.test(target)) guide.links.push(target);
      }
      if (l.trim() !== '') lastShell = undefined;
      continue;
    }
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i] as string);
    if (fence[1] === 'sh') {
      let last: Command | undefined;
      for (const b of body) {
        if (b.trim() === '' || b.trimStart().startsWith('#')) continue;
        guide.shellLines.push(b);
        last = undefined;
        if (!b.startsWith('istio-installer ')) continue;
        const [cmd, ...pipe] = b.split(' | ');
        last = { guide: file, line: b, argv: (cmd as string).trim().split(/\s+/).slice(1), ...(pipe.length > 0 ? { pipe: pipe.join(' | ').trim() } : {}) };
        guide.commands.push(last);
      }
      lastShell = last === undefined ? {} : { command: last };
    } else if (fence[1] === 'text') {
      const command = lastShell?.command;
      if (command === undefined || command.output !== undefined) throw new Error(`${GUIDE_DIR}/${file}: a text block that does not follow a shell block ending in an istio-installer command (line ${i})`);
      command.output = body.join('\n') + '\n';
      lastShell = undefined;
    } else {
      lastShell = undefined;
    }
  }
  return guide;
}

const PARSED = GUIDES.map(parseGuide);
const COMMANDS = PARSED.flatMap((g) => g.commands);

interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const registrarCache = new Map<string, Registrar | string>();

/** The registrar of a group main.ts does not register yet, or why there is none. */
async function registrarFor(group: string): Promise<Registrar | string> {
  const cached = registrarCache.get(group);
  if (cached !== undefined) return cached;
  const spec = REGISTRARS[group];
  let r: Registrar | string;
  if (spec === undefined) r = `unknown command group ${group}`;
  else if (!existsSync(join(ROOT, spec.file))) r = `\`${group}\` is not registered in src/cli/main.ts and ${spec.file} does not exist yet`;
  else {
    const mod = (await import(pathToFileURL(join(ROOT, spec.file)).href)) as Record<string, unknown>;
    const f = mod[spec.exportName];
    r = typeof f === 'function' ? (f as Registrar) : `${spec.file} does not export ${spec.exportName}`;
  }
  registrarCache.set(group, r);
  return r;
}

async function capture(f: (io: { stdout: (s: string) => void; stderr: (s: string) => void }) => Promise<number>): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await f({ stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

/** Whether main() knows the command group (its --help names it). */
async function mainHas(group: string): Promise<boolean> {
  const r = await capture((io) => main([group, '--help'], io, { cwd: ROOT }));
  return r.code === 0 && r.stdout.includes(`istio-installer ${group}`);
}

/** Runs argv with main(), or with runMain() and the registrar of a group main() lacks. */
async function run(argv: readonly string[]): Promise<RunResult> {
  const group = argv[0] ?? '';
  if (group in REGISTRARS && !(await mainHas(group))) {
    const reg = await registrarFor(group);
    if (typeof reg === 'string') return { code: -1, stdout: '', stderr: `not runnable: ${reg}` };
    return capture((io) => runMain(argv, io, { cwd: ROOT }, [reg]));
  }
  return capture((io) => main(argv, io, { cwd: ROOT }));
}

/** Splits a shell word list with single and double quotes (enough for the guides' grep lines). */
function shellWords(s: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unbalanced quote in ${s}`);
      cur += s.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** GNU grep with -E (ERE) or a basic pattern, and -A N; undefined for anything else. */
function grep(pipe: string, input: string): string | undefined {
  const words = shellWords(pipe);
  if (words[0] !== 'grep') return undefined;
  let after = 0;
  let extended = false;
  let pattern: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '-E') extended = true;
    else if (w === '-A') after = Number(words[++i]);
    else if (/^-A\d+$/.test(w)) after = Number(w.slice(2));
    else if (w.startsWith('-') || pattern !== undefined) return undefined;
    else pattern = w;
  }
  if (pattern === undefined || !Number.isInteger(after)) return undefined;
  // A basic pattern here uses only ^ $ . * as operators; everything else is literal.
  const re = new RegExp(extended ? pattern : pattern.replace(/[+?(){}|[\]\\]/g, '\\$&'));
  const lines = input.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const show = new Set<number>();
  lines.forEach((l, i) => {
    if (re.test(l)) for (let k = i; k <= i + after && k < lines.length; k++) show.add(k);
  });
  let out = '';
  let prev = -2;
  for (let i = 0; i < lines.length; i++) {
    if (!show.has(i)) continue;
    if (after > 0 && prev >= 0 && i !== prev + 1) out += '--\n';
    out += `${lines[i] as string}\n`;
    prev = i;
  }
  return out;
}

function yamlObjects(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}

/** The value of a flag (`--name X` / `-n X`) in argv. */
function flag(argv: readonly string[], ...names: string[]): string | undefined {
  for (let i = 0; i < argv.length - 1; i++) if (names.includes(argv[i] as string)) return argv[i + 1];
  return undefined;
}

const TMP = mkdtempSync(join(tmpdir(), 'guides-test-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('docs/topologies', () => {
  it('has the index and one guide per topology, each linked from the index', () => {
    expect(readdirSync(join(ROOT, GUIDE_DIR)).filter((f) => f.endsWith('.md')).sort()).toEqual([...GUIDES].sort());
    const index = PARSED.find((g) => g.file === 'README.md') as Guide;
    for (const g of GUIDES.slice(1)) expect(index.links, `README.md links ${g}`).toContain(g);
  });

  it.each(GUIDES.slice(1).map((g) => [g]))('%s has its sections and runs istio-installer', (file) => {
    const g = PARSED.find((p) => p.file === file) as Guide;
    const headings = g.text.split('\n').filter((l) => l.startsWith('## '));
    for (const h of ['## What you get', '## Prerequisites', '## Steps', '## When it fails']) expect(headings, file).toContain(h);
    expect(g.commands.length, file).toBeGreaterThan(0);
  });

  it.each(PARSED.map((g) => [g.file, g]))('%s: every relative link and every docs/ path in a shell block exists', (_f, g) => {
    const missing: string[] = [];
    for (const l of g.links) if (!existsSync(resolve(ROOT, GUIDE_DIR, l))) missing.push(l);
    for (const line of g.shellLines) for (const w of line.split(/\s+/)) if (w.startsWith('docs/') && !existsSync(join(ROOT, w))) missing.push(w);
    expect(missing).toEqual([]);
  });

  it('every command group the guides use is registered in src/cli/main.ts', async () => {
    const groups = [...new Set(COMMANDS.map((c) => c.argv[0] as string))].sort();
    const missing: string[] = [];
    for (const g of groups) if (!(await mainHas(g))) missing.push(g);
    expect(missing, 'groups main() does not know yet (the lead registers them)').toEqual([]);
  });

  it.each(COMMANDS.map((c) => [`${c.guide}: ${c.line}`, c] as const))('%s', async (_name, c) => {
    const argv = [...c.argv];
    let outDir: string | undefined;
    if (argv[0] === 'workload') {
      const i = argv.findIndex((a) => a === '-o' || a === '--output');
      expect(i, 'workload entry configure names its output directory').toBeGreaterThan(0);
      outDir = join(mkdtempSync(join(TMP, 'vm-')), argv[i + 1] as string);
      argv[i + 1] = outDir;
    }
    const r = await run(argv);
    expect(r.code, r.stderr).toBe(0);

    if (c.pipe === undefined) {
      if (outDir === undefined) expect(r.stdout.length, 'a command whose output is not used').toBeGreaterThan(0);
    } else if (/^kubectl (--context \S+ )?apply -f -$/.test(c.pipe)) {
      const objects = yamlObjects(r.stdout);
      expect(objects.length, 'objects piped to kubectl apply').toBeGreaterThan(0);
      for (const version of KUBE_VERSIONS) expect(validateObjects(objects, { version }), `Kubernetes ${version}`).toEqual([]);
    } else {
      const shown = grep(c.pipe, r.stdout);
      expect(shown, `the test can only check pipes to kubectl apply and grep, not: ${c.pipe}`).toBeDefined();
      expect(c.output, 'a grep line shows its output').toBeDefined();
    }
    if (c.output !== undefined) {
      const out = c.pipe === undefined ? r.stdout : (grep(c.pipe, r.stdout) ?? r.stdout);
      expect(out + r.stderr, 'the output shown in the guide (stdout through its grep, then stderr)').toBe(c.output);
    }

    // Each output goes to the right cluster: an installation to the cluster its file is named after
    // (cluster1-1.12.yaml: cluster1), a remote secret to another cluster than the one it describes.
    const context = /^kubectl --context (\S+) apply -f -$/.exec(c.pipe ?? '')?.[1];
    if (context !== undefined && argv[0] === 'manifest') {
      const file = (flag(argv, '-f') ?? '').replace(/^.*\//, '').replace(/\.yaml$/, '');
      expect(file === context || file.startsWith(`${context}-`), `${file}.yaml applied in cluster ${context}`).toBe(true);
    }
    if (context !== undefined && argv[0] === 'remote-secret') expect(context, 'a remote secret is applied in another cluster than the one it describes').not.toBe(flag(argv, '--name'));

    if (argv[0] === 'remote-secret') {
      const name = flag(argv, '--name') as string;
      const type = flag(argv, '--type') ?? 'remote';
      const secrets = yamlObjects(r.stdout).filter((o) => o.kind === 'Secret');
      expect(secrets.length).toBe(1);
      const s = secrets[0] as KubeObject;
      expect(s.metadata.name).toBe(type === 'config' ? 'istio-kubeconfig' : `istio-remote-secret-${name}`);
      expect(s.metadata.namespace).toBe(flag(argv, '-n', '--namespace') ?? 'istio-system');
      expect(s.metadata.labels?.['istio/multiCluster']).toBe(type === 'config' ? undefined : 'true');
    }

    if (outDir !== undefined) {
      // The table of vm-workloads.md lists the files (first column, in backticks).
      const guide = PARSED.find((g) => g.file === c.guide) as Guide;
      const table = guide.text
        .split('\n')
        .filter((l) => /^\| `[^`]+` \|/.test(l))
        .map((l) => (/^\| `([^`]+)`/.exec(l) as RegExpExecArray)[1] as string);
      expect(readdirSync(outDir).sort()).toEqual([...table].sort());
      const ip = flag(argv, '--workloadIP');
      if (ip !== undefined) expect(readFileSync(join(outDir, 'sidecar.env'), 'utf8')).toContain(`ISTIO_SVC_IP=${ip}`);
      expect(readFileSync(join(outDir, 'hosts'), 'utf8')).toContain(flag(argv, '--ingressIP') as string);
      for (const f of ['root-cert.pem', 'istio-token']) {
        const src = flag(argv, f === 'root-cert.pem' ? '--root-cert' : '--token') as string;
        // Copied as given (the token without its trailing newline).
        expect(readFileSync(join(outDir, f), 'utf8').trim(), f).toBe(readFileSync(join(ROOT, src), 'utf8').trim());
      }
    }
  });
});

describe('the guide test itself', () => {
  it('emulates grep as GNU grep prints it', () => {
    const text = 'a\nname: X\n1\nb\nc\nname: Y\n2\nname: Z\n3\n';
    expect(grep("grep -A1 'name: '", text)).toBe('name: X\n1\n--\nname: Y\n2\nname: Z\n3\n');
    expect(grep("grep -E 'X|Z'", text)).toBe('name: X\nname: Z\n');
    expect(grep("grep 'X|Z'", text)).toBe('');
    expect(grep('grep -c X', text)).toBeUndefined();
    expect(grep('sort -u', text)).toBeUndefined();
  });

  it('finds commands, pipes and shown outputs', () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(15);
    expect(COMMANDS.filter((c) => c.output !== undefined).length).toBeGreaterThanOrEqual(4);
    expect(new Set(COMMANDS.map((c) => c.argv[0]))).toEqual(new Set(['manifest', 'remote-secret', 'workload']));
  });
});
