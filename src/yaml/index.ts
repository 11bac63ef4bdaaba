/**
 * YAML, JSON and TOML as helm's template functions and values loading see them.
 */
export { toYaml, mustToYaml, marshalYaml, emitJsonTree, YamlReadBackError } from './emit.js';
export { toYamlPretty } from './pretty.js';
export {
  loadValues,
  fromYaml,
  fromYamlArray,
  parseYamlDocument,
  unmarshalMap,
  unmarshalArray,
  YamlError,
  type LoadValuesOptions,
  type StringFieldTest,
} from './load.js';
export {
  orderedJsonObject,
  toJson,
  mustToJson,
  toRawJson,
  mustToRawJson,
  toPrettyJson,
  mustToPrettyJson,
  marshalJson,
  writeJson,
  fromJson,
  fromJsonArray,
  mustFromJson,
  unmarshalJson,
  JsonSyntaxError,
  type JsonEncodeOptions,
} from './json.js';
export {
  toJsonTree,
  nilCollection,
  isNilCollection,
  JsonMarshalError,
  JsonNumber,
  type JsonValue,
} from './jsontree.js';
export { toToml, fromToml } from './toml.js';
export { compareNatural, compareNaturalV3 } from './keyorder.js';
