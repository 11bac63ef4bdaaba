/**
 * helm's values: user values (`-f`, `--set` family), coalescing with chart defaults and
 * dependency processing (conditions, tags, aliases, import-values, globals).
 */
export type { ValueOptions, UserValuesResult } from './user-values.js';
export { mergeUserValues, mergeMaps } from './user-values.js';
export type { SetFlag, ReadFile } from './strvals.js';
export { parseSet, parseSetInto, typedValue, MAX_INDEX, MAX_NESTED_NAME_LEVEL } from './strvals.js';
export type { ResolvedChart, ResolveResult } from './resolve.js';
export { resolveChart } from './resolve.js';
export type { ValuesWarning } from './warnings.js';
export { formatValuesWarning } from './warnings.js';
export type { ValuesNode, WarningSink } from './coalesce.js';
export { Coalescer, CoalesceError } from './coalesce.js';
