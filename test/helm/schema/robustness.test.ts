/** Odd schemas and values never crash the validator; they pass, fail or report an error. */
import { describe, expect, it } from 'vitest';
import { goMap, int64 } from '../../../src/gotemplate/value.js';
import { validateValuesSchemas } from '../../../src/helm/schema/index.js';

const SCHEMAS = [
  '{"$ref": "#"}',
  '{"properties": {"a": {"$ref": "#"}}}',
  '{"minLength": 1e400, "maximum": 1e-400, "multipleOf": 0}',
  '{"type": [1, null], "required": [1, "a"], "enum": []}',
  '{"properties": {"__proto__": {"type": "string"}}, "patternProperties": {"(": {}}}',
  '{"items": [], "prefixItems": 5, "contains": 3, "allOf": [], "oneOf": {}}',
  '{"$schema": "http://json-schema.org/draft-04/schema#", "exclusiveMinimum": true}',
  '{"pattern": "a{1001}", "format": "regex"}',
  '[[[[[[[[[[',
  '"just a string"',
];

describe('schema robustness', () => {
  for (const schemaText of SCHEMAS) {
    for (const compat of ['helm3', 'helm4'] as const) {
      it(`${schemaText} (${compat})`, () => {
        const values = goMap([
          ['a', goMap([['b', [1, 'x', null]]])],
          ['__proto__', 'p'],
          ['n', int64(9007199254740993n)],
        ]);
        const r = validateValuesSchemas({ name: 'c', schemaText, values, children: [] }, compat);
        if (!r.ok) expect(r.error.startsWith("values don't meet the specifications")).toBe(true);
      });
    }
  }

  it('a $ref cycle is an error, not a stack overflow', () => {
    const r = validateValuesSchemas({ name: 'c', schemaText: '{"$ref": "#"}', values: goMap(), children: [] }, 'helm3');
    expect(r.ok).toBe(false);
  });
});
