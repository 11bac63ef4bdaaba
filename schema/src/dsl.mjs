// Small constructors for JSON Schema (draft-07) nodes. The schema sources in this folder use them
// so that every property carries a description and objects are closed by default.
// Only keywords that both ajv (strict mode) and json-schema-to-typescript understand are emitted.

/** Go duration (time.ParseDuration) as Istio's JSON decoding accepts it: "30m", "1.5s", "1h2m", "0", "300ms", "-1s". */
export const DURATION_PATTERN = '^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$';

function withExtra(node, extra) {
  return extra === undefined ? node : { ...node, ...extra };
}

export const str = (description, extra) => withExtra({ type: 'string', description }, extra);
export const bool = (description, extra) => withExtra({ type: 'boolean', description }, extra);
export const num = (description, extra) => withExtra({ type: 'number', description }, extra);
/** Signed integer; `bits` 32 or 64 bounds the range like the proto field. */
export const int = (description, extra, bits = 32) =>
  withExtra({ type: 'integer', description, ...(bits === 32 ? { minimum: -2147483648, maximum: 2147483647 } : {}) }, extra);
export const int64 = (description, extra) => int(description, extra, 64);
/** Unsigned 32-bit integer (proto uint32). */
export const uint = (description, extra) => withExtra({ type: 'integer', description, minimum: 0, maximum: 4294967295 }, extra);
export const enumOf = (values, description, extra) => withExtra({ type: 'string', description, enum: values }, extra);
export const strList = (description, extra) => withExtra({ type: 'array', description, items: { type: 'string' } }, extra);
export const strMap = (description, extra) => withExtra({ type: 'object', description, additionalProperties: { type: 'string' } }, extra);
export const list = (items, description, extra) => withExtra({ type: 'array', description, items }, extra);
export const mapOf = (values, description, extra) => withExtra({ type: 'object', description, additionalProperties: values }, extra);
/** A closed object: keys not listed are errors. */
export const obj = (description, properties, extra) =>
  withExtra({ type: 'object', description, additionalProperties: false, properties }, extra);
/** An object whose content is deliberately not checked. */
export const freeObj = (description, extra) => withExtra({ type: 'object', description }, extra);
/** Any JSON value. */
export const any = (description, extra) => withExtra({ description }, extra);
/**
 * A reference to a definition, wrapped as `allOf: [{ $ref }]` so the property can carry its own
 * description (and default) without json-schema-to-typescript minting a new type for it.
 */
export const ref = (target, description, extra) => withExtra({ description, allOf: [{ $ref: target }] }, extra);
/** A named definition: the title names the generated TypeScript type. */
export const def = (title, node) => ({ title, ...node });
