/**
 * Go text/template behaviour pinned to what the real helm binaries print: every case in
 * measured/*.json was run through helm 3.17.3 and helm 4.1.4 (as `{{ tpl `CASE` . }}`, so
 * errors read `template: gotpl:...` exactly as Go writes them) and is replayed here against
 * our engine in the matching compat mode. Most files need only a few Sprig stubs; files marked
 * `helmFuncs` run with helm's full function map.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { TemplateSet, type Compat } from '../../src/gotemplate/template.js';
import { GoPanic, TemplateError } from '../../src/gotemplate/errors.js';
import { isTrue, withType, type GoFuncSpec, type GoValue, type GoInt } from '../../src/gotemplate/value.js';
import { toGo } from './helpers.js';
import { renderFuncs } from '../../src/helm/engine.js';

/** The values file every case ran with (tests/values.yaml of the scratch chart). */
const VALUES = { a: 1, s: 'abc', l: [1, 2, 'x'], m: { k: 'v', z: null }, f: 1.5, nul: null, sl: ['a', 'b'], e: [], em: {}, t: true };

const IF = 'interface {}';
/** Sprig functions the cases use, with Sprig's Go signatures (they decide argument checks). */
const SPRIG_STUBS: GoFuncSpec[] = [
  { name: 'upper', params: ['string'], results: ['string'], fn: (s) => (s as string).toUpperCase() },
  { name: 'default', params: [IF, IF], variadic: true, results: [IF], fn: (d, ...g) => (g.length > 0 && isTrue(g[0]) ? g[0] : d) },
  { name: 'repeat', params: ['int', 'string'], results: ['string'], fn: (n, s) => (s as string).repeat(Number((n as GoInt).value)) },
  { name: 'list', params: [IF], variadic: true, results: ['[]interface {}'], fn: (...a) => a },
];

type Outcome = { out: string } | { err: string } | { panic: string };
interface Case {
  t: string;
  both?: Outcome;
  helm3?: Outcome;
  helm4?: Outcome;
}

function render(text: string, compat: Compat, helmFuncs: boolean): Outcome {
  const funcs = helmFuncs ? renderFuncs(compat) : new Map(SPRIG_STUBS.map((f) => [f.name, f]));
  const set = new TemplateSet({ funcs, compat, missingKey: 'zero' });
  // helm's top-level data is a named map type: chartutil.Values (helm 3), common.Values (helm 4).
  const top = withType(new Map<string, GoValue>([['Values', toGo(VALUES)]]), {
    name: compat === 'helm3' ? 'chartutil.Values' : 'common.Values',
    kind: 'map',
    elem: IF,
  });
  try {
    set.parse('gotpl', text);
    return { out: set.execute('gotpl', top).replaceAll('<no value>', '') };
  } catch (e) {
    if (e instanceof TemplateError) return { err: e.message };
    if (e instanceof GoPanic) return { panic: e.message };
    throw e;
  }
}

for (const file of ['lex', 'parse', 'exec', 'exec2', 'scoping']) {
  const { about, cases, helmFuncs } = JSON.parse(readFileSync(new URL(`./measured/${file}.json`, import.meta.url), 'utf8')) as { about: string; cases: Case[]; helmFuncs?: boolean };
  describe(`${file}: ${about.slice(about.indexOf('Topic: ') + 7)}`, () => {
    for (const compat of ['helm3', 'helm4'] as const) {
      it.each(cases.map((c) => [c.t, c.both ?? c[compat]] as const))(`${compat}: %j`, (text, expected) => {
        expect(render(text, compat, helmFuncs === true)).toEqual(expected);
      });
    }
  });
}
