/** The measured schema cases (measured-cases.json) and how a case becomes a SchemaNode. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Compat } from '../../../src/gotemplate/template.js';
import { int64, type GoValue } from '../../../src/gotemplate/value.js';
import { loadValues } from '../../../src/yaml/load.js';
import type { SchemaNode } from '../../../src/helm/schema/index.js';

export interface MeasuredCase {
  readonly name: string;
  readonly schema: string;
  readonly values: string;
  readonly set?: string;
  readonly subcharts?: readonly { readonly name: string; readonly schema?: string; readonly values: string }[];
  readonly helm3: string | null;
  readonly helm4: string | null;
}

export const CASES: readonly MeasuredCase[] = JSON.parse(
  readFileSync(fileURLToPath(new URL('./measured-cases.json', import.meta.url)), 'utf8'),
) as MeasuredCase[];

export function buildNode(c: MeasuredCase, compat: Compat): SchemaNode {
  const values = loadValues(c.values, { compat });
  if (c.set !== undefined) {
    for (const kv of c.set.split(',')) {
      const [k, v] = kv.split('=');
      values.set(k, int64(BigInt(v)));
    }
  }
  const children: SchemaNode[] = (c.subcharts ?? []).map((s) => {
    const own = loadValues(s.values, { compat });
    values.set(s.name, own as GoValue);
    return { name: s.name, schemaText: s.schema, values: own, children: [] };
  });
  return { name: 'mychart', schemaText: c.schema, values, children };
}


/** Splits a message into its header lines and its `- ` blocks (sorted, for order-free comparison). */
export function blocks(msg: string): string[] {
  const out: string[][] = [];
  for (const line of msg.split('\n')) {
    if (line.startsWith('  ') && out.length > 0) (out[out.length - 1] as string[]).push(line);
    else out.push([line]);
  }
  // helm 4 also prints the children of one error in map order (measured: `- at '/a/c'` and
  // `- at '/a/b'` swap between runs), so the indented lines of a block are compared as a set too.
  return out.map(([head, ...children]) => [head, ...children.sort()].join('\n')).sort();
}
