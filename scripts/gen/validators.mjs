/**
 * Compiles the bundled schema with ajv into standalone ES module code (no ajv at run time).
 *
 * ajv's standalone output `require`s small runtime helpers even in ESM mode; we replace them
 * with our own self-contained implementations so the module loads in Node and in a browser
 * bundle alike. Any other runtime dependency makes generation fail loudly.
 */
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { RE2JS } from 're2js';

/**
 * Schema `pattern`s run on re2js (linear time whatever the input), at gen time and in the
 * generated module, which defines `re2Engine` the same way.
 */
const RE2_ENGINE_SOURCE = `/** Schema patterns on re2js: matching is linear in the input. */
function re2Engine(source) {
  const re = RE2JS.compile(source);
  return { test: (s) => re.matcher(s).find() };
}`;
function re2Engine(source) {
  const re = RE2JS.compile(source);
  // ajv keys its compiled patterns by toString(): it must differ per pattern.
  return { test: (s) => re.matcher(s).find(), toString: () => `re2:${source}` };
}
re2Engine.code = 're2Engine';

/** Custom keywords the schema may carry (annotations only; no validation effect). */
export const ANNOTATION_KEYWORDS = ['x-charts', 'x-deprecated'];

const RUNTIME = {
  'ajv/dist/runtime/ucs2length': {
    name: 'codePointLength',
    code: `/** Length of a string in Unicode code points (what JSON Schema's maxLength counts). */
function codePointLength(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}`,
  },
  'ajv/dist/runtime/equal': {
    name: 'jsonEqual',
    code: `/** Structural equality of JSON values (enum, const, uniqueItems). */
function jsonEqual(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !jsonEqual(a[k], b[k])) return false;
  return true;
}`,
  },
};

/** Custom keywords found anywhere in the schema (`x-...`), declared to ajv as annotations. */
export function annotationKeywords(schema) {
  const found = new Set(ANNOTATION_KEYWORDS);
  const walk = (n) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) {
        if (k.startsWith('x-')) found.add(k);
        if (k !== 'enum' && k !== 'const' && k !== 'default' && k !== 'examples') walk(v);
      }
    }
  };
  walk(schema);
  return [...found].sort();
}

export function newAjv(schema, extra = {}) {
  return new Ajv.default({
    allErrors: true,
    strict: true,
    messages: true,
    // Errors carry their parentSchema: the object schema of an unknown key (for did-you-mean) and
    // the branches of a failed anyOf (to say what was expected).
    verbose: true,
    // One function per definition keeps the module small (refs are not inlined at every use).
    inlineRefs: false,
    keywords: annotationKeywords(schema),
    code: { esm: true, source: true, lines: true, optimize: true, regExp: re2Engine },
    ...extra,
  });
}

/**
 * The schema without what does not affect validation (descriptions, defaults, examples and the
 * x- annotations), so the schema objects ajv embeds for error reporting stay small. Titles stay:
 * messages name the object type ("unknown field ... in ComponentSpec").
 */
function validationOnly(node) {
  if (Array.isArray(node)) return node.map(validationOnly);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'description' || k === 'default' || k === 'examples' || k === '$comment' || k.startsWith('x-')) continue;
    out[k] = k === 'enum' || k === 'const' ? v : k === 'properties' || k === 'definitions' || k === 'patternProperties' ? mapValues(v) : validationOnly(v);
  }
  return out;
}

function mapValues(obj) {
  const out = {};
  for (const [k, v] of Object.entries(obj)) out[k] = validationOnly(v);
  return out;
}

/** `{ js, dts }` of src/generated/validators. */
export function generateValidators(fullSchema, banner) {
  const schema = validationOnly(fullSchema);
  const ajv = newAjv(fullSchema);
  ajv.addSchema(schema);
  let code = standaloneCode.default(ajv, { validateIstioOperatorSchema: schema.$id });
  const used = [];
  code = code.replace(/require\("([^"]+)"\)\.default/g, (_m, mod) => {
    const rt = RUNTIME[mod];
    if (!rt) throw new Error(`ajv standalone code needs the runtime module ${mod}; add a self-contained replacement in scripts/gen/validators.mjs`);
    if (!used.includes(mod)) used.push(mod);
    return rt.name;
  });
  if (/\brequire\(/.test(code)) throw new Error('ajv standalone code still calls require()');
  const helpers = used
    .sort()
    .map((m) => RUNTIME[m].code)
    .join('\n');
  const usesRe2 = /\bre2Engine\b/.test(code);
  const header = usesRe2 ? `import { RE2JS } from 're2js';\n${RE2_ENGINE_SOURCE}\n` : '';
  const body = code.trim().replace(/^"use strict";\n?/, '');
  const js = `${banner}\n// @ts-nocheck\n/* eslint-disable */\n${header}${helpers}${helpers ? '\n' : ''}${body}\n`;
  const dts = `${banner}
import type { ErrorObject } from 'ajv';

/** An ajv validation function compiled from schema/istio-operator.schema.json (allErrors). */
export interface CompiledValidator {
  (data: unknown): boolean;
  /** Errors of the last call, or null when it passed. */
  errors?: ErrorObject[] | null;
}

export declare const validateIstioOperatorSchema: CompiledValidator;
`;
  return { js, dts };
}
