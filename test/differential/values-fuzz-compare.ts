/**
 * The values fuzz's chart and comparison (see values-fuzz.test.ts): one case per generated value,
 * each printing the value through toYaml, toJson, quote, plain `{{ }}` and toYaml in map and list
 * position, the parts separated by a marker the generator never produces. Helm's and our outputs
 * are cut at the marker and compared part by part; every difference names the value's YAML text.
 */
import { caseFile, showBytes, type CorpusCase, type CorpusFile } from './harness.js';
import { valuesYaml, type FuzzValue } from './values-gen.js';

/** Between the parts of one case's output; private-use characters the generator never emits. */
export const PART_SEP = '\u{F8FE}|\u{F8FE}';

/** What each part of a case's output is. */
export const PARTS = ['toYaml', 'toJson', 'quote', 'print', 'toYaml in a map', 'toYaml in a list'] as const;

/** The template printing value number `i` (0-based) of `.Values.fuzz` in every way. */
export function valueTemplate(i: number): string {
  const exprs = ['toYaml $v', 'toJson $v', 'quote $v', '$v', 'toYaml (dict "key" $v)', 'toYaml (list $v)'];
  return `{{- $v := index .Values.fuzz ${i} -}}` + exprs.map((e) => `{{ ${e} }}`).join(PART_SEP);
}

/** The in-memory corpus file (values + one case per value) that both helm and our engine render. */
export function fuzzCorpusFile(values: readonly FuzzValue[], label: string): CorpusFile {
  const cases: CorpusCase[] = values.map((_, i) => ({
    name: `value-${String(i + 1).padStart(4, '0')}`,
    t: valueTemplate(i),
    error: false,
    file: caseFile(i),
  }));
  return { path: label, values: valuesYaml(values), cases };
}

/**
 * Compares helm's and our output for one value. Returns undefined when they are byte-identical,
 * else a report with the value's YAML text and, for each differing part, both outputs.
 */
export function compareValue(value: FuzzValue, caseName: string, helm: Buffer, ours: Buffer): string | undefined {
  if (helm.equals(ours)) return undefined;
  const sep = Buffer.from(PART_SEP);
  const split = (b: Buffer): Buffer[] => {
    const out: Buffer[] = [];
    let at = 0;
    for (let i = b.indexOf(sep); i >= 0; i = b.indexOf(sep, at)) {
      out.push(b.subarray(at, i));
      at = i + sep.length;
    }
    out.push(b.subarray(at));
    return out;
  };
  const h = split(helm);
  const o = split(ours);
  const lines = [`${caseName}: value ${value.yaml}`];
  if (h.length !== o.length) {
    lines.push(`  parts: helm has ${h.length}, ours has ${o.length}`, `  helm: ${showBytes(helm)}`, `  ours: ${showBytes(ours)}`);
    return lines.join('\n');
  }
  for (let i = 0; i < h.length; i++) {
    if (h[i].equals(o[i])) continue;
    lines.push(`  ${PARTS[i] ?? `part ${i}`}:`, `    helm: ${showBytes(h[i])}`, `    ours: ${showBytes(o[i])}`);
  }
  return lines.join('\n');
}
