/**
 * The Sprig v3.3.0 function map as helm exposes it (TxtFuncMap minus env and expandenv).
 * helm's own functions (toYaml, include, tpl, its toJson/fromJson...) are layered on top by
 * src/helm/funcs.ts.
 */
import type { Compat } from '../gotemplate/template.js';
import type { GoFuncSpec } from '../gotemplate/value.js';
import { conversionFuncs } from './conversion.js';
import { cryptoFuncs } from './crypto.js';
import { dateFuncs } from './date.js';
import { defaultFuncs } from './defaults.js';
import { dictFuncs } from './dicts.js';
import { encodingFuncs } from './encoding.js';
import { listFuncs } from './lists.js';
import { mathFuncs } from './math.js';
import { networkFuncs } from './network.js';
import { pathFuncs } from './paths.js';
import { randomFuncs } from './random.js';
import { reflectFuncs } from './reflect.js';
import { regexFuncs } from './regex.js';
import { semverFuncsFor } from './semver.js';
import { stringFuncs } from './strings.js';
import { urlFuncsFor } from './url.js';

/** Every Sprig group for a helm version, in a fixed order (later groups never shadow earlier ones). */
function groups(compat: Compat): readonly (readonly GoFuncSpec[])[] {
  return [
    stringFuncs,
    conversionFuncs,
    listFuncs,
    dictFuncs,
    defaultFuncs,
    reflectFuncs,
    pathFuncs,
    encodingFuncs,
    urlFuncsFor(compat),
    mathFuncs,
    regexFuncs,
    semverFuncsFor(compat),
    cryptoFuncs,
    dateFuncs,
    randomFuncs,
    networkFuncs,
  ];
}

/** Functions Sprig has that helm deletes from the map. */
const REMOVED_BY_HELM = new Set(['env', 'expandenv']);

const cache = new Map<Compat, Map<string, GoFuncSpec>>();

/** The Sprig functions helm offers, by name (a fresh Map on every call). */
export function sprigFuncs(compat: Compat): Map<string, GoFuncSpec> {
  const hit = cache.get(compat);
  if (hit) return new Map(hit);
  const out = new Map<string, GoFuncSpec>();
  for (const group of groups(compat)) {
    for (const spec of group) {
      if (REMOVED_BY_HELM.has(spec.name)) continue;
      if (out.has(spec.name)) throw new Error(`sprig: function ${spec.name} defined twice`);
      out.set(spec.name, spec);
    }
  }
  cache.set(compat, out);
  return new Map(out);
}
