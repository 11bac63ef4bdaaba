import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../scripts/gen/index.mjs';

// Every key a chart's values.yaml sets must be documented (a README row, or a Kubernetes-typed
// row above it) and typed (a schema node). A chart that has not landed yet fails: the charts of
// issue 5 are all required.
const CHARTS = ['base', 'istiod', 'istiod-remote', 'gateway', 'cni'];

interface Node {
  readonly $ref?: string;
  readonly allOf?: readonly Node[];
  readonly anyOf?: readonly Node[];
  readonly oneOf?: readonly Node[];
  readonly properties?: Record<string, Node>;
  readonly additionalProperties?: boolean | Node;
  readonly definitions?: Record<string, Node>;
  readonly type?: string | readonly string[];
}

/** Key paths of a values tree: maps are walked into (unless empty), everything else is a leaf. */
export function valuePaths(v: unknown, prefix: readonly string[] = [], out: string[][] = []): string[][] {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (prefix.length > 0) out.push([...prefix]);
    for (const [k, child] of entries) valuePaths(child, [...prefix, k], out);
  } else if (prefix.length > 0) out.push([...prefix]);
  return out;
}

function resolve(schema: Node, n: Node, seen = 0): Node[] {
  if (seen > 50) return [n];
  const out: Node[] = [];
  if (typeof n.$ref === 'string') {
    const m = /^#\/definitions\/(.+)$/.exec(n.$ref);
    const target = m ? schema.definitions?.[m[1]] : undefined;
    if (target) out.push(...resolve(schema, target, seen + 1));
  }
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) for (const s of n[k] ?? []) out.push(...resolve(schema, s, seen + 1));
  out.push(n);
  return out;
}

/**
 * Whether the schema has a node for `path`: a `properties` entry or a typed map's value schema at
 * each step; a free object (no properties, additionalProperties not false) covers what is below.
 */
export function schemaHasPath(schema: Node, path: readonly string[]): boolean {
  let nodes: Node[] = [schema];
  for (const key of path) {
    const next: Node[] = [];
    let free = false;
    for (const n of nodes.flatMap((x) => resolve(schema, x))) {
      const prop = n.properties && Object.prototype.hasOwnProperty.call(n.properties, key) ? n.properties[key] : undefined;
      if (prop) next.push(prop);
      else if (n.additionalProperties && typeof n.additionalProperties === 'object') next.push(n.additionalProperties);
      else if (n.properties === undefined && n.additionalProperties !== false && n !== schema && (n.type === 'object' || n.type === undefined) && !n.$ref && !n.allOf && !n.anyOf && !n.oneOf) free = true;
    }
    if (next.length === 0) return free;
    nodes = next;
  }
  return true;
}

/** README table rows: key path -> type cell. */
export function readmeRows(md: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of md.split('\n')) {
    const m = /^\| `([^`]+)` \| ((?:[^|\\]|\\.)*) \|/.exec(line);
    if (m) rows.set(m[1], m[2].trim());
  }
  return rows;
}

/** A values path is documented by its own row, or by a row of a non-object (Kubernetes-typed, map, list) above it. */
export function documented(rows: ReadonlyMap<string, string>, path: readonly string[]): boolean {
  if (rows.has(path.join('.'))) return true;
  for (let i = path.length - 1; i > 0; i--) {
    const t = rows.get(path.slice(0, i).join('.'));
    if (t !== undefined) return t !== 'object';
  }
  return false;
}

describe('chart values are documented and typed', () => {
  it('the helpers see through refs, maps and Kubernetes-typed rows', () => {
    const schema: Node = {
      properties: { a: { allOf: [{ $ref: '#/definitions/A' }] }, m: { type: 'object', additionalProperties: { type: 'string' } }, f: { type: 'object' } },
      definitions: { A: { type: 'object', additionalProperties: false, properties: { b: { type: 'string' } } } },
    };
    expect(schemaHasPath(schema, ['a', 'b'])).toBe(true);
    expect(schemaHasPath(schema, ['a', 'c'])).toBe(false);
    expect(schemaHasPath(schema, ['m', 'any'])).toBe(true);
    expect(schemaHasPath(schema, ['f', 'x', 'y'])).toBe(true);
    expect(schemaHasPath(schema, ['nope'])).toBe(false);
    const rows = readmeRows('| `a` | object |  | x |\n| `a.b` | string | `""` | y \\| z |\n| `k` | [K8sSettings](x) | | |\n');
    expect(documented(rows, ['a', 'b'])).toBe(true);
    expect(documented(rows, ['a', 'c'])).toBe(false);
    expect(documented(rows, ['k', 'resources', 'limits'])).toBe(true);
    expect(valuePaths({ a: { b: 1, c: {} }, d: [1] })).toEqual([['a'], ['a', 'b'], ['a', 'c'], ['d']]);
  });

  it.each(CHARTS)('%s: every values.yaml key has a README row and a schema node', (chart) => {
    const dir = join(REPO, 'charts', chart);
    expect(existsSync(join(dir, 'Chart.yaml')), `charts/${chart}/Chart.yaml is missing: the chart has not landed`).toBe(true);
    for (const f of ['values.yaml', 'values.schema.json', 'README.md']) expect(existsSync(join(dir, f)), `charts/${chart}/${f} is missing`).toBe(true);
    const values: unknown = parseYaml(readFileSync(join(dir, 'values.yaml'), 'utf8'), { version: '1.1' }) ?? {};
    const schema = JSON.parse(readFileSync(join(dir, 'values.schema.json'), 'utf8')) as Node;
    const rows = readmeRows(readFileSync(join(dir, 'README.md'), 'utf8'));
    const paths = valuePaths(values);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((p) => !schemaHasPath(schema, p)).map((p) => p.join('.')), 'values.yaml keys without a schema node').toEqual([]);
    expect(paths.filter((p) => !documented(rows, p)).map((p) => p.join('.')), 'values.yaml keys without a README row').toEqual([]);
  });

  it.each(CHARTS)('%s: README links into docs/reference.md resolve, Kubernetes-typed blocks are single rows', (chart) => {
    const md = readFileSync(join(REPO, 'charts', chart, 'README.md'), 'utf8');
    const reference = readFileSync(join(REPO, 'docs', 'reference.md'), 'utf8');
    const anchors = new Set([...reference.matchAll(/^## (.+)$/gm)].map((m) => m[1].toLowerCase().replace(/[^a-z0-9-]/g, '')));
    const links = [...md.matchAll(/\]\(\.\.\/\.\.\/docs\/reference\.md#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.filter((a) => !anchors.has(a))).toEqual([]);
    const rows = readmeRows(md);
    const k8s = [...rows.keys()].filter((k) => k === 'k8s' || k.endsWith('.k8s'));
    if (chart !== 'base') expect(k8s.length, 'the chart has a k8s settings block').toBeGreaterThan(0);
    for (const k of k8s) {
      expect(rows.get(k), k).toMatch(/^\[\w+\]\(/);
      expect([...rows.keys()].filter((r) => r.startsWith(`${k}.`)), `${k} is one row`).toEqual([]);
    }
    const meta = parseYaml(readFileSync(join(REPO, 'charts', chart, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
    expect(md).toContain(`# ${String(meta.name)}\n`);
    expect(md).toContain(`| ${String(meta.version)} | ${String(meta.appVersion)} |`);
    expect(md).toContain(`helm install `);
  });
});
