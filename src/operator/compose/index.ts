/** IstioOperator composition: profiles, -f files and --set flags into one document. */
export { composeIstioOperator, type ComposeFile, type ComposeInput, type ComposeResult, type IstioOperatorDocument, type ProfileReader } from './compose.js';
export { mergeLayers, type Layer, type MergeResult } from './merge.js';
export { listRule, replacesMap, type ListRule } from './rules.js';
export { SchemaIndex, type JsonType, type TypeSet } from './schema.js';
export { coerceSetValue, type Coerced } from './coerce.js';
export { parseSetFlag, formatSetPath, SET_FILE, type SetFlag, type SetSegment } from './set-path.js';
export { flattenToSetFlags } from './flags.js';
export { selectConfigPath, type SelectResult } from './select.js';
