import { describe, expect, it } from 'vitest';
import { render } from './render.js';

// Sprig reflection functions. Every expectation was measured with helm 3.17.3 and helm 4.1.4
// (`helm template`, both print the same unless a row says otherwise).
describe("Sprig reflection functions", () => {
  it.each([
    ["{{ typeOf 1 }}", "int"],
    ["{{ typeOf 1.5 }}", "float64"],
    ["{{ typeOf \"a\" }}", "string"],
    ["{{ typeOf nil }}", "<nil>"],
    ["{{ typeOf true }}", "bool"],
    ["{{ typeOf (list) }}", "[]interface {}"],
    ["{{ typeOf (dict) }}", "map[string]interface {}"],
    ["{{ kindOf 1 }}", "int"],
    ["{{ kindOf nil }}", "invalid"],
    ["{{ kindOf (list) }}", "slice"],
    ["{{ kindOf (dict) }}", "map"],
    ["{{ kindIs \"map\" (dict) }}", "true"],
    ["{{ kindIs \"invalid\" nil }}", "true"],
    ["{{ typeIs \"int\" 1 }}", "true"],
    ["{{ typeIsLike \"string\" \"x\" }}", "true"],
    ["{{ deepEqual 1 1.0 }}", "false"],
    ["{{ deepEqual (list 1) (list 1) }}", "true"],
    ["{{ deepEqual (dict \"a\" 1) (dict \"a\" 1) }}", "true"],
    ["{{ deepEqual nil nil }}", "true"],
    ["{{ deepEqual (list) (splitList \",\" \"\") }}", "false"],
    ["{{ deepEqual (int64 1) 1 }}", "false"],
  ])('%s renders %j', (text, want) => {
    expect(render(text, 'helm3')).toBe(want);
    expect(render(text, 'helm4')).toBe(want);
  });
});
