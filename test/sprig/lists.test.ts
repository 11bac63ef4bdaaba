import { describe, expect, it } from 'vitest';
import { render, renderError } from './render.js';

// Sprig list functions. Every expectation was measured with helm 3.17.3 and helm 4.1.4
// (`helm template`, both print the same unless a row says otherwise).
describe("Sprig list functions", () => {
  it.each([
    ["{{ list 1 \"a\" nil }}", "[1 a <nil>]"],
    ["{{ first (list) }}", ""],
    ["{{ first (list 1 2) }}", "1"],
    ["{{ last (list 1 2) }}", "2"],
    ["{{ rest (list) }}", "[]"],
    ["{{ rest (list 1 2 3) }}", "[2 3]"],
    ["{{ typeOf (rest (list)) }}", "[]interface {}"],
    ["{{ initial (list 1 2 3) }}", "[1 2]"],
    ["{{ reverse (list 1 2 3) }}", "[3 2 1]"],
    ["{{ append (list 1) 2 }}", "[1 2]"],
    ["{{ push (list 1) 2 }}", "[1 2]"],
    ["{{ append (splitList \",\" \"a\") \"b\" | typeOf }}", "[]interface {}"],
    ["{{ prepend (list 1) 0 }}", "[0 1]"],
    ["{{ uniq (list 1 \"1\" 1.0 1 (list 1) (list 1)) }}", "[1 1 1 [1]]"],
    ["{{ without (list 1 2 3 1) 1 3 }}", "[2]"],
    ["{{ compact (list 0 \"\" nil false 1 \"a\" (list) (dict)) }}", "[1 a]"],
    ["{{ has \"1\" (list 1) }}", "false"],
    ["{{ has 1 nil }}", "false"],
    ["{{ slice (list 1 2 3) 1 }}", "[2 3]"],
    ["{{ slice (list 1 2 3) 0 2 }}", "[1 2]"],
    ["{{ slice (list 1 2 3) \"1\" }}", "[2 3]"],
    ["{{ slice (list) }}", ""],
    ["{{ typeOf (slice (splitList \",\" \"a,b\") 1) }}", "[]string"],
    ["{{ concat (list 1) (list 2 3) (splitList \",\" \"a,b\") }}", "[1 2 3 a b]"],
    ["{{ concat }}", "[]"],
    ["{{ chunk 2 (list 1 2 3 4 5) }}", "[[1 2] [3 4] [5]]"],
    ["{{ chunk 3 (list) }}", "[]"],
    ["{{ typeOf (chunk 2 (list 1)) }}", "[][]interface {}"],
    ["{{ until 3 }}", "[0 1 2]"],
    ["{{ until -3 }}", "[0 -1 -2]"],
    ["{{ typeOf (until 2) }}", "[]int"],
    ["{{ untilStep 0 10 3 }}", "[0 3 6 9]"],
    ["{{ untilStep 10 0 -3 }}", "[10 7 4 1]"],
    ["{{ untilStep 0 10 0 }}", "[]"],
    ["{{ seq 5 }}", "1 2 3 4 5"],
    ["{{ seq 5 -1 1 }}", "5 4 3 2 1"],
    ["{{ seq 3 1 }}", "3 2 1"],
    ["{{ seq 0 }}", "1 0"],
    ["{{ seq 1 -1 5 }}", ""],
    ["{{ seq }}", ""],
    ["{{ len (list 1 2) }}", "2"],
  ])('%s renders %j', (text, want) => {
    expect(render(text, 'helm3')).toBe(want);
    expect(render(text, 'helm4')).toBe(want);
  });
  it.each([
    ["{{ first nil }}", "error calling first: runtime error: invalid memory address or nil pointer dereference"],
    ["{{ first \"abc\" }}", "error calling first: Cannot find first on type string"],
    ["{{ mustFirst \"abc\" }}", "error calling mustFirst: Cannot find first on type string"],
    ["{{ append \"x\" 1 }}", "error calling append: Cannot push on type string"],
    ["{{ append nil 1 }}", "error calling append: runtime error: invalid memory address or nil pointer dereference"],
    ["{{ mustHas 1 \"x\" }}", "error calling mustHas: Cannot find has on type string"],
    ["{{ slice (list 1 2 3) 2 5 }}", "error calling slice: reflect.Value.Slice: slice index out of bounds"],
    ["{{ slice \"abc\" 1 2 }}", "error calling slice: list should be type of slice or array but string"],
    ["{{ concat (list 1) \"x\" }}", "error calling concat: Cannot concat type string as list"],
    ["{{ chunk 0 (list 1) }}", "error calling chunk: runtime error: makeslice: len out of range"],
  ])('%s fails with %j', (text, message) => {
    expect(renderError(text)).toContain(message);
  });
});
