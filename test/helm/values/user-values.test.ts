/**
 * mergeUserValues against the real binaries: user-values.measured.json holds command lines
 * (`-f` files and `--set*` flags, in the order given) and what `helm template` printed for
 * `j: {{ toJson .Values }}` (or its error without "Error: "), measured on helm 3.17.3 (h3) and
 * helm 4.1.4 (h4) with a chart without values.yaml and a file f.txt containing "hi\n".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Compat } from '../../../src/gotemplate/template.js';
import { mergeUserValues } from '../../../src/helm/values/user-values.js';
import type { ValueOptions } from '../../../src/helm/values/user-values.js';
import { toJson } from '../../../src/yaml/json.js';

interface Outcome {
  readonly json?: string;
  readonly error?: string;
}
interface Row {
  readonly name: string;
  readonly files?: Record<string, string>;
  readonly args: readonly string[];
  readonly h3: Outcome;
  readonly h4: Outcome;
}

const rows = JSON.parse(readFileSync(new URL('./user-values.measured.json', import.meta.url), 'utf8')) as Row[];

/** The command line as ValueOptions (what the CLI builds from the same flags). */
function options(row: Row): ValueOptions {
  const files = new Map(Object.entries({ ...row.files, 'f.txt': 'hi\n' }));
  const o = {
    valueFiles: [] as { name: string; text: string }[],
    set: [] as string[],
    setString: [] as string[],
    setJson: [] as string[],
    setFile: [] as string[],
    setLiteral: [] as string[],
  };
  for (let i = 0; i < row.args.length; i += 2) {
    const [flag, arg] = [row.args[i], row.args[i + 1]];
    if (flag === '-f') o.valueFiles.push({ name: arg, text: files.get(arg) ?? '' });
    else if (flag === '--set') o.set.push(arg);
    else if (flag === '--set-string') o.setString.push(arg);
    else if (flag === '--set-json') o.setJson.push(arg);
    else if (flag === '--set-file') o.setFile.push(arg);
    else if (flag === '--set-literal') o.setLiteral.push(arg);
    else throw new Error(`unknown flag ${flag}`);
  }
  return { ...o, readFile: (p) => files.get(p) };
}

describe('mergeUserValues matches helm (measured)', () => {
  for (const row of rows) {
    for (const compat of ['helm3', 'helm4'] as const satisfies readonly Compat[]) {
      it(`${compat} ${row.name}`, () => {
        const r = mergeUserValues(options(row), compat);
        expect(r.ok ? { json: toJson(r.values) } : { error: r.error }).toEqual(compat === 'helm3' ? row.h3 : row.h4);
      });
    }
  }
  it('a missing --set-file reads as helm reports it', () => {
    const r = mergeUserValues({ setFile: ['x=nope.txt'], readFile: () => undefined }, 'helm4');
    expect(r).toEqual({ ok: false, error: 'failed parsing --set-file data: open nope.txt: no such file or directory' });
  });
  it('other --set-file read failures carry Go\'s text (measured: a directory)', () => {
    const r = mergeUserValues({ setFile: ['x=adir'], readFile: (p) => ({ error: `read ${p}: is a directory` }) }, 'helm3');
    expect(r).toEqual({ ok: false, error: 'failed parsing --set-file data: read adir: is a directory' });
  });
  it('no options give an empty map', () => {
    const r = mergeUserValues({}, 'helm3');
    expect(r.ok && r.values.size).toBe(0);
  });
});
