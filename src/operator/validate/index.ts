/**
 * Validating an IstioOperator: the schema (all errors at once, via the ajv validator compiled at
 * gen time) and Istio's semantic rules (§1.4, §9 of the facts: image formats, revision, gateway
 * names, IP ranges, port lists, gateway ports needing root, removed addons, deprecations) plus the
 * multicluster ones (§6, §8: an external istiod's ConfigMaps and cluster name, where a remote
 * cluster's webhooks reach its istiod, multi-cluster services flags for the istiod version).
 *
 * `force` (istioctl --force): schema errors and format-rule errors become warnings; the fatal
 * rules (gateway ports needing root, removed addons, an external istiod without its ConfigMaps)
 * stay errors.
 */
import type { IstioOperator } from '../../generated/types.js';
import { IstioOperatorError, type Issue, type SourceMap } from '../issues.js';
import { jsonValueIssues } from './json-values.js';
import { RULES } from './rules/index.js';
import { SCHEMA_CODES, schemaIssues } from './schema-errors.js';
import { sortIssues } from './source.js';

export type { IstioOperator } from '../../generated/types.js';
export { SCHEMA_CODES } from './schema-errors.js';

export interface ValidateOptions {
  /** Where each node was written (from parseIstioOperatorYaml or composition). */
  readonly sourceMap?: SourceMap;
  /** Downgrade schema and format errors to warnings (never the fatal semantic ones). */
  readonly force?: boolean;
}

export type SafeValidateResult =
  | { readonly success: true; readonly data: IstioOperator; readonly warnings: Issue[] }
  | { readonly success: false; readonly issues: Issue[] };

const SHAPE_CODES: ReadonlySet<string> = new Set([SCHEMA_CODES.invalidFormat, SCHEMA_CODES.invalidLength]);

/** Every issue of `value`, sorted by source position; errors and warnings mixed. */
export function collectIssues(value: unknown, opts: ValidateOptions = {}): Issue[] {
  const { sourceMap, force = false } = opts;
  const issues: Issue[] = [];
  const downgrade = (i: Issue): Issue => (force && i.severity === 'error' ? { ...i, severity: 'warning' } : i);
  // Not data at all (a function, a Map, a cycle...): nothing else can be checked meaningfully.
  const notJson = jsonValueIssues(value, sourceMap);
  if (notJson.length > 0) return sortIssues(notJson);
  const schema = schemaIssues(value, sourceMap);
  const ctx = { doc: value, sourceMap };
  const semantic: Issue[] = [];
  const ruleErrors = new Set<string>();
  for (const rule of RULES) {
    for (const i of rule.check(ctx)) {
      if (i.severity === 'error') ruleErrors.add(i.path);
      semantic.push(rule.fatal ? i : downgrade(i));
    }
  }
  // A schema pattern or length error adds nothing where a rule already explains the same value in
  // Istio's words (the revision: the schema carries its pattern for helm users of the charts).
  for (const i of schema) if (!(ruleErrors.has(i.path) && SHAPE_CODES.has(i.code))) issues.push(downgrade(i));
  const unknown = new Set(schema.filter((i) => i.code === 'unknown-field').map((i) => i.path));
  // A deprecation warning adds nothing where an error already names the replacement (an unknown
  // field) or forbids the setting outright (a removed addon).
  const explained = new Set([...unknown, ...semantic.filter((i) => i.code !== 'deprecated' && i.severity === 'error').map((i) => i.path)]);
  for (const i of semantic) if (!(i.code === 'deprecated' && explained.has(i.path))) issues.push(i);
  return sortIssues(issues);
}

/** Validates without throwing: the typed value and its warnings, or every issue (errors first in source order). */
export function safeValidateIstioOperator(value: unknown, opts: ValidateOptions = {}): SafeValidateResult {
  const issues = collectIssues(value, opts);
  if (issues.some((i) => i.severity === 'error')) return { success: false, issues };
  return { success: true, data: value as IstioOperator, warnings: issues };
}

/** Validates, returning the typed value; throws IstioOperatorError listing every issue on failure. */
export function validateIstioOperator(value: unknown, opts: ValidateOptions = {}): IstioOperator {
  const r = safeValidateIstioOperator(value, opts);
  if (!r.success) throw new IstioOperatorError(r.issues);
  return r.data;
}
