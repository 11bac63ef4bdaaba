import { describe, expect, it } from 'vitest';
import { GoFunc, GoStruct, int64 } from '../../src/gotemplate/value.js';
import {
  fromJson,
  fromJsonArray,
  mustFromJson,
  mustToJson,
  toJson,
  toPrettyJson,
  toRawJson,
} from '../../src/yaml/json.js';
import { toYaml } from '../../src/yaml/emit.js';
import { toYamlPretty } from '../../src/yaml/pretty.js';
import { toToml } from '../../src/yaml/toml.js';

const m = (entries: [string, unknown][]): never => new Map(entries) as never;

// Expected strings below were measured with helm 3.17.3 and helm 4.1.4 (identical).
describe('toJson / toRawJson / toPrettyJson (encoding/json)', () => {
  it('escapes HTML characters and line separators, keeps other Unicode', () => {
    expect(toJson('<>&\u2028\u2029\u007f\u0001\b\f\t\n\r"\\é😀')).toBe(
      '"\\u003c\\u003e\\u0026\\u2028\\u2029\u007f\\u0001\\b\\f\\t\\n\\r\\"\\\\é😀"',
    );
    expect(toRawJson('<>&\u2028\u2029\u007f\u0001\b\f')).toBe('"<>&\\u2028\\u2029\u007f\\u0001\\b\\f"');
  });

  it('formats numbers like Go', () => {
    expect(toJson([1.5, 1e21, 1e-7, 0.000001, -0, 1e20, 3, int64(5)])).toBe(
      '[1.5,1e+21,1e-7,0.000001,-0,100000000000000000000,3,5]',
    );
  });

  it('sorts keys byte-wise and indents with two spaces', () => {
    expect(toJson(m([['b', 1], ['a', 2], ['B', 3], ['10', 4], ['9', 5]]))).toBe('{"10":4,"9":5,"B":3,"a":2,"b":1}');
    expect(toPrettyJson(m([['a', [1, 2, new Map()]], ['b', []], ['c', '<']]))).toBe(
      '{\n  "a": [\n    1,\n    2,\n    {}\n  ],\n  "b": [],\n  "c": "\\u003c"\n}',
    );
  });

  it('writes []byte as base64 and each invalid UTF-8 byte as the escape \\ufffd', () => {
    expect(toJson(new Uint8Array([104, 105, 255]))).toBe('"aGn/"');
    expect(toJson('a\udcffb\ufffd')).toBe('"a\\ufffdb\ufffd"');
  });

  it('gives "" on unsupported values, or the error for mustToJson', () => {
    expect(toJson([NaN])).toBe('');
    expect(toJson(new GoFunc({ name: 'f', params: [], fn: () => null }))).toBe('');
    expect(() => mustToJson([Infinity])).toThrow('json: unsupported value: +Inf');
  });
});

describe('fromJson / fromJsonArray / mustFromJson', () => {
  it('decodes numbers as float64', () => {
    expect(fromJson('{"a":{"b":[1,{"c":null}]}}')).toEqual(new Map([['a', new Map([['b', [1, new Map([['c', null]])]]])]]));
    expect(mustFromJson('[1,"a"]')).toEqual([1, 'a']);
  });

  it("reports Go's messages under Error", () => {
    const err = (s: string): unknown => fromJson(s).get('Error');
    expect(err('[1]')).toBe('json: cannot unmarshal array into Go value of type map[string]interface {}');
    expect(err('')).toBe('unexpected end of JSON input');
    expect(err(' {"a":1} x')).toBe("invalid character 'x' after top-level value");
    expect(err('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(err('{"a":"\\ud800x","a":[tru]}')).toBe("invalid character ']' in literal true (expecting 'e')");
    expect(err('[1')).toBe('unexpected end of JSON input');
    expect(err('{"a":tx}')).toBe("invalid character 'x' in literal true (expecting 'r')");
    expect(err('{"a":01}')).toBe("invalid character '1' after object key:value pair");
    expect(err('{"a":-}')).toBe("invalid character '}' in numeric literal");
    expect(err('{"a":"\t"}')).toBe("invalid character '\\t' in string literal");
    expect(err("{'a':1}")).toBe("invalid character '\\'' looking for beginning of object key string");
  });

  it('reports a space at the end of input where Go feeds its scanner one (measured)', () => {
    const err = (s: string): unknown => fromJson(s).get('Error');
    expect(err('"\\ud83d\\ude0')).toBe("invalid character ' ' in \\u hexadecimal character escape");
    expect(err('1E-')).toBe("invalid character ' ' in exponent of numeric literal");
    expect(err('1.')).toBe("invalid character ' ' after decimal point in numeric literal");
    expect(err('-')).toBe("invalid character ' ' in numeric literal");
    expect(err('tr')).toBe("invalid character ' ' in literal true (expecting 'u')");
    expect(err('"ab')).toBe('unexpected end of JSON input');
    expect(err('[1,')).toBe('unexpected end of JSON input');
  });

  it('names the top-level kind in type errors, even for an out-of-range number', () => {
    expect(fromJson('1e400').get('Error')).toBe('json: cannot unmarshal number into Go value of type map[string]interface {}');
    expect(fromJsonArray('"x"')).toEqual(['json: cannot unmarshal string into Go value of type []interface {}']);
  });

  it('gives nil collections for null: empty, but encoded as null', () => {
    expect(fromJson('null').size).toBe(0);
    expect(toJson(fromJson('null'))).toBe('null');
    expect(toJson(fromJsonArray('null'))).toBe('null');
    expect(toYaml(fromJson('null'))).toBe('null');
  });

  it('keeps decoding past a number out of range', () => {
    expect(toJson(fromJson('{"a":1e400,"b":2}'))).toBe(
      '{"Error":"json: cannot unmarshal number 1e400 into Go value of type float64","a":null,"b":2}',
    );
  });

  it('decodes escapes and lists', () => {
    expect(fromJson('{"a":"\\u0041\\n\\/"}').get('a')).toBe('A\n/');
    expect(fromJsonArray('[1,"x"]')).toEqual([1, 'x']);
    expect(fromJsonArray('{}')).toEqual(['json: cannot unmarshal object into Go value of type []interface {}']);
  });
});

describe('json.Marshaler and encoding.TextMarshaler values', () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
  const marshaler = (name: string, json: string, text: string): GoStruct =>
    new GoStruct(
      {
        name,
        kind: 'struct',
        methods: new Map([
          ['MarshalJSON', { name: 'MarshalJSON', params: [], results: ['[]uint8'], returnsError: true, fn: () => bytes(json) }],
          ['MarshalText', { name: 'MarshalText', params: [], results: ['[]uint8'], returnsError: true, fn: () => bytes(text) }],
        ]),
      },
      new Map(),
      true,
    );

  it('use MarshalJSON in toJson and toYaml, MarshalText in toYamlPretty and toToml (measured with semver/toDate)', () => {
    const v = marshaler('semver.Version', '"1.2.3"', '1.2.3');
    const t = marshaler('time.Time', '"2021-03-04T00:00:00Z"', '2021-03-04T00:00:00Z');
    expect(toJson([v, t])).toBe('["1.2.3","2021-03-04T00:00:00Z"]');
    expect(toYaml(m([['t', t]]))).toBe('t: "2021-03-04T00:00:00Z"');
    expect(toYamlPretty(v)).toBe('1.2.3');
    expect(toYamlPretty(m([['t', t]]))).toBe('t: 2021-03-04T00:00:00Z');
    expect(toToml(m([['v', v]]))).toBe('v = "1.2.3"\n');
  });

  it('keeps number text from MarshalJSON', () => {
    expect(toJson(marshaler('x.N', '{"a": 1.0, "b": [1e2]}', ''))).toBe('{"a":1.0,"b":[1e2]}');
  });

  it("encodes a struct as its type's jsonValue (json tags) when the type has one, else its Go field names", () => {
    const tagged = { name: 'x.T', kind: 'struct', jsonValue: (v: GoStruct) => m([['name', v.fields.get('Name')]]) };
    const fields = (): Map<string, never> => m([['Name', 'c']]);
    expect(toJson(new GoStruct(tagged, fields()))).toBe('{"name":"c"}');
    expect(toYaml(new GoStruct(tagged, fields()))).toBe('name: c');
    expect(toJson(new GoStruct({ name: 'x.T', kind: 'struct' }, fields()))).toBe('{"Name":"c"}');
  });
});
