/**
 * The functions helm layers over Sprig (reference §2.4): the ones bound to a template set
 * (`include`, `tpl`) and the stateless ones (`required`, `fail`, `lookup`, `getHostByName`, the
 * YAML/JSON/TOML converters). Signatures are helm's Go signatures; they decide the executor's
 * argument checks and messages.
 */
import { GoError, TemplateError } from '../gotemplate/errors.js';
import type { TemplateSet } from '../gotemplate/template.js';
import { quote } from '../gotemplate/strconv.js';
import type { GoFuncSpec } from '../gotemplate/value.js';
import { goMap } from '../gotemplate/value.js';
import * as yaml from '../yaml/index.js';
import { warnWrap, type Compat, type WrappingError } from './errors.js';

/** Helm's limit on nested `include`s of one name (`recursionMaxNums`). */
export const INCLUDE_RECURSION_MAX = 1000;

/**
 * An error a helm function returns that wraps another (Go's `%w`): the executor prints
 * `message`; the helm 4 error layout follows `wrapped`.
 */
export class HelmWrappedError extends GoError implements WrappingError {
  constructor(
    message: string,
    readonly wrapped: unknown,
  ) {
    super(message);
  }
}

/** Go's `errors.Wrapf(err, "%s", ...)` text: `msg: err`. */
function wrapMessage(prefix: string, err: unknown): string {
  return `${prefix}: ${err instanceof Error ? err.message : String(err)}`;
}

/** Replaces every `<no value>` (helm does this on each rendered file and on tpl results). */
export function replaceNoValue(s: string): string {
  return s.includes('<no value>') ? s.split('<no value>').join('') : s;
}

/** The functions of helm that do not depend on the template set. */
export function helmStaticFuncs(compat: Compat): GoFuncSpec[] {
  const specs: GoFuncSpec[] = [
    { name: 'toToml', params: ['interface {}'], results: ['string'], fn: (v) => yaml.toToml(v, compat) },
    { name: 'fromToml', params: ['string'], results: ['map[string]interface {}'], fn: (s) => yaml.fromToml(s as string, compat) },
    { name: 'toYaml', params: ['interface {}'], results: ['string'], fn: (v) => yaml.toYaml(v) },
    { name: 'toYamlPretty', params: ['interface {}'], results: ['string'], fn: (v) => yaml.toYamlPretty(v) },
    { name: 'fromYaml', params: ['string'], results: ['map[string]interface {}'], fn: (s) => yaml.fromYaml(s as string) },
    { name: 'fromYamlArray', params: ['string'], results: ['[]interface {}'], fn: (s) => yaml.fromYamlArray(s as string) },
    { name: 'toJson', params: ['interface {}'], results: ['string'], fn: (v) => yaml.toJson(v) },
    { name: 'fromJson', params: ['string'], results: ['map[string]interface {}'], fn: (s) => yaml.fromJson(s as string) },
    { name: 'fromJsonArray', params: ['string'], results: ['[]interface {}'], fn: (s) => yaml.fromJsonArray(s as string) },
    {
      name: 'required',
      params: ['string', 'interface {}'],
      results: ['interface {}'],
      returnsError: true,
      fn: (warn, val) => {
        if (val === null || val === '') throw new GoError(warnWrap(warn as string));
        return val;
      },
    },
    {
      name: 'fail',
      params: ['string'],
      results: ['string'],
      returnsError: true,
      fn: (msg) => {
        throw new GoError(warnWrap(msg as string));
      },
    },
    {
      // `helm template` has no cluster: lookup always finds nothing.
      name: 'lookup',
      params: ['string', 'string', 'string', 'string'],
      results: ['map[string]interface {}'],
      returnsError: true,
      fn: () => goMap(),
    },
    // Without --enable-dns helm answers every name with "".
    { name: 'getHostByName', params: ['string'], results: ['string'], fn: () => '' },
  ];
  if (compat === 'helm4') {
    specs.push(
      { name: 'mustToYaml', params: ['interface {}'], results: ['string'], returnsError: true, fn: (v) => yaml.mustToYaml(v) },
      { name: 'mustToJson', params: ['interface {}'], results: ['string'], returnsError: true, fn: (v) => yaml.mustToJson(v) },
    );
  }
  return specs;
}

/** State shared by the include/tpl functions of one render (and the clones tpl makes). */
export interface IncludeState {
  /** Nesting count per template name. */
  readonly depth: Map<string, number>;
}

/**
 * `include` and `tpl` bound to `set`. tpl clones the set, parses its text as the root template
 * `gotpl` and binds fresh include/tpl functions to the clone (sharing the recursion counters).
 */
export function boundFuncs(set: TemplateSet, state: IncludeState): Map<string, GoFuncSpec> {
  const include: GoFuncSpec = {
    name: 'include',
    params: ['string', 'interface {}'],
    results: ['string'],
    returnsError: true,
    fn: (nameV, data) => {
      const name = nameV as string;
      const n = state.depth.get(name);
      if (n !== undefined && n > INCLUDE_RECURSION_MAX) {
        throw new GoError(`rendering template has a nested reference name: ${name}: unable to execute template`);
      }
      if (!set.has(name)) throw new GoError(`template: no template ${quote(name)} associated with template "gotpl"`);
      state.depth.set(name, (n ?? 0) + 1);
      try {
        return set.execute(name, data);
      } catch (e) {
        if (e instanceof TemplateError) throw new HelmWrappedError(e.message, e);
        throw e;
      } finally {
        state.depth.set(name, (state.depth.get(name) ?? 1) - 1);
      }
    },
  };
  const tpl: GoFuncSpec = {
    name: 'tpl',
    params: ['string', 'interface {}'],
    results: ['string'],
    returnsError: true,
    fn: (textV, data) => {
      const text = textV as string;
      const clone = set.clone();
      clone.addFuncs(boundFuncs(clone, state));
      try {
        clone.parse('gotpl', text);
      } catch (e) {
        if (e instanceof TemplateError) throw new HelmWrappedError(wrapMessage(`cannot parse template ${quote(text)}`, e), e);
        throw e;
      }
      let out: string;
      try {
        out = clone.execute('gotpl', data);
      } catch (e) {
        if (e instanceof TemplateError || e instanceof GoError) {
          throw new HelmWrappedError(wrapMessage(`error during tpl function execution for ${quote(text)}`, e), e);
        }
        throw e;
      }
      return replaceNoValue(out);
    },
  };
  return new Map([
    ['include', include],
    ['tpl', tpl],
  ]);
}

/** Every helm function minus the set-bound ones, keyed by name. */
export function helmFuncMap(compat: Compat): Map<string, GoFuncSpec> {
  return new Map(helmStaticFuncs(compat).map((s) => [s.name, s]));
}

