import { describe, expect, it } from 'vitest';
import { render, renderError } from './render.js';

// Sprig defaults, ternary, deepCopy and JSON functions. Every expectation was measured with helm 3.17.3 and helm 4.1.4
// (`helm template`, both print the same unless a row says otherwise).
describe("Sprig defaults, ternary, deepCopy and JSON functions", () => {
  it.each([
    ["{{ default \"d\" 0 }}", "d"],
    ["{{ default \"d\" false }}", "d"],
    ["{{ default \"d\" \"\" }}", "d"],
    ["{{ default \"d\" (list) }}", "d"],
    ["{{ default \"d\" (dict) }}", "d"],
    ["{{ default \"d\" \" \" }}", " "],
    ["{{ default \"d\" }}", "d"],
    ["{{ default \"d\" nil }}", "d"],
    ["{{ default \"d\" 0.0 }}", "d"],
    ["{{ default \"d\" 1 2 }}", "1"],
    ["{{ empty 0 }}", "true"],
    ["{{ empty \" \" }}", "false"],
    ["{{ empty nil }}", "true"],
    ["{{ coalesce 0 \"\" \"x\" }}", "x"],
    ["{{ coalesce 0 }}", ""],
    ["{{ all 1 \"a\" }}", "true"],
    ["{{ all 1 0 }}", "false"],
    ["{{ all }}", "true"],
    ["{{ any 0 \"\" }}", "false"],
    ["{{ any }}", "false"],
    ["{{ ternary \"a\" \"b\" true }}", "a"],
    ["{{ ternary \"a\" \"b\" false }}", "b"],
    ["{{ deepCopy (list 1 (dict \"a\" 1)) }}", "[1 map[a:1]]"],
    ["{{ typeOf (deepCopy (splitList \",\" \"a\")) }}", "[]string"],
    ["{{ $a := dict \"x\" (dict \"y\" 1) }}{{ $b := deepCopy $a }}{{ $_ := set $b.x \"y\" 2 }}{{ $a }} {{ $b }}", "map[x:map[y:1]] map[x:map[y:2]]"],
    ["{{ mustToPrettyJson (dict \"a\" (list 1)) }}", "{\n  \"a\": [\n    1\n  ]\n}"],
    ["{{ toPrettyJson (dict) }}", "{}"],
    ["{{ toRawJson (dict \"a\" \"<&>\") }}", "{\"a\":\"<&>\"}"],
    ["{{ mustToRawJson \"<\" }}", "\"<\""],
    ["{{ mustToJson (dict \"b\" 1 \"a\" \"<\") }}", "{\"a\":\"\\u003c\",\"b\":1}"],
    ["{{ mustFromJson \"[1]\" }}", "[1]"],
  ])('%s renders %j', (text, want) => {
    expect(render(text, 'helm3')).toBe(want);
    expect(render(text, 'helm4')).toBe(want);
  });
  it.each([
    ["{{ deepCopy nil }}", "error calling deepCopy: reflect: call of reflect.Value.Type on zero Value"],
    ["{{ mustFromJson \"{\" }}", "error calling mustFromJson: unexpected end of JSON input"],
  ])('%s fails with %j', (text, message) => {
    expect(renderError(text)).toContain(message);
  });
});
