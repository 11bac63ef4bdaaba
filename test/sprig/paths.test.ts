import { describe, expect, it } from 'vitest';
import { render } from './render.js';

// Sprig path functions (Go path and path/filepath on Linux). Every expectation was measured with helm 3.17.3 and helm 4.1.4
// (`helm template`, both print the same unless a row says otherwise).
describe("Sprig path functions (Go path and path/filepath on Linux)", () => {
  it.each([
    ["{{ base \"a/b/c.txt\" }}", "c.txt"],
    ["{{ base \"\" }}", "."],
    ["{{ base \"/\" }}", "/"],
    ["{{ base \"a/b/\" }}", "b"],
    ["{{ dir \"a/b/c\" }}", "a/b"],
    ["{{ dir \"\" }}", "."],
    ["{{ dir \"/a\" }}", "/"],
    ["{{ dir \"a\" }}", "."],
    ["{{ clean \"a//b/../c/.\" }}", "a/c"],
    ["{{ clean \"\" }}", "."],
    ["{{ clean \"/../a\" }}", "/a"],
    ["{{ clean \"../../a/\" }}", "../../a"],
    ["{{ ext \"a.b.c\" }}", ".c"],
    ["{{ ext \"a/b\" }}", ""],
    ["{{ ext \"a.b/c\" }}", ""],
    ["{{ isAbs \"/a\" }}", "true"],
    ["{{ isAbs \"a\" }}", "false"],
    ["{{ osBase \"a\\\\b\" }}", "a\\b"],
    ["{{ osDir \"a/b\" }}", "a"],
    ["{{ osClean \"../../a/\" }}", "../../a"],
    ["{{ osExt \".x\" }}", ".x"],
    ["{{ osIsAbs \"/\" }}", "true"],
  ])('%s renders %j', (text, want) => {
    expect(render(text, 'helm3')).toBe(want);
    expect(render(text, 'helm4')).toBe(want);
  });
});
