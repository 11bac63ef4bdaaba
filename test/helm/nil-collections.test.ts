// Go's nil slices and maps seen through a whole helm render: which functions return nil rather
// than empty ones, and where the difference shows (toJson/toYaml write null, %#v writes T(nil),
// eq/deepEqual tell them apart, toToml leaves them out, set into a nil map panics). Every
// expectation was measured with helm 3.17.3 and helm 4.1.4 (`helm template`; both print the same).
import { describe, expect, it } from 'vitest';
import { renderTemplates } from '../../src/helm/engine.js';
import { helmStderr } from '../../src/helm/errors.js';
import type { Compat } from '../../src/gotemplate/template.js';

function render(text: string, compat: Compat): string {
  const r = renderTemplates({
    chartName: 'c',
    files: new Map([['templates/t.yaml', text]]),
    values: new Map(),
    release: { name: 'rel', namespace: 'ns' },
    compat,
  });
  if (!r.ok) return 'ERR: ' + helmStderr(r.error).split('\n')[0];
  return r.outputs.get('c/templates/t.yaml') as string;
}

const COMPATS: readonly Compat[] = ['helm3', 'helm4'];

describe.each(COMPATS)('nil slices and maps (%s)', (compat) => {
  it.each([
    // Sprig returns nil for an empty input to rest/initial, an empty slice for a one-element one.
    ['{{ rest list | toJson }}|{{ rest (list 1) | toJson }}|{{ mustRest list | toJson }}', 'null|[]|null'],
    ['{{ initial list | toJson }}|{{ initial (list 1) | toJson }}|{{ mustInitial list | toJson }}', 'null|[]|null'],
    ['{{ toPrettyJson (1 | regexSplit "" "" | initial) }}', 'null'],
    // concat appends to a nil slice.
    ['{{ concat | toJson }}|{{ concat list | toJson }}|{{ concat list list | toJson }}|{{ concat (list 1) | toJson }}', 'null|null|null|[1]'],
    ['{{ typeOf concat }}|{{ concat }}|{{ len concat }}', '[]interface {}|[]|0'],
    // These build their result from an empty (non-nil) slice.
    ['{{ list | toJson }}|{{ tuple | toJson }}|{{ compact list | toJson }}|{{ uniq list | toJson }}|{{ without list 1 | toJson }}', '[]|[]|[]|[]|[]'],
    ['{{ reverse list | toJson }}|{{ chunk 2 list | toJson }}|{{ until 0 | toJson }}|{{ untilStep 0 5 -1 | toJson }}', '[]|[]|[]|[]'],
    ['{{ keys (dict) | toJson }}|{{ values (dict) | toJson }}|{{ pluck "a" (dict) | toJson }}|{{ pick nil | toJson }}|{{ omit nil | toJson }}', '[]|[]|[]|{}|{}'],
    ['{{ splitList "," "" | toJson }}|{{ splitList "" "" | toJson }}|{{ toStrings list | toJson }}|{{ toStrings (rest list) | toJson }}', '[""]|[]|[]|[]'],
    // slice of an empty list is an untyped nil.
    ['{{ slice list | toJson }}|{{ typeOf (slice list) }}|{{ slice (list 1) 1 | toJson }}', 'null|<nil>|[]'],
    // sortAlpha and toStrings return a []string argument itself (nil stays nil; sorted in place).
    ['{{ sortAlpha list | toJson }}|{{ sortAlpha (regexSplit "a" "b" 0) | toJson }}|{{ toStrings (regexSplit "a" "b" 0) | toJson }}', '[]|null|null'],
    ['{{ $l := splitList "," "b,a" }}{{ $s := sortAlpha $l }}{{ $l }}', '[a b]'],
    // A nil slice prints, ranges, has len and truth like an empty one.
    ['{{ rest list }}|{{ printf "%v %d" (rest list) (len (rest list)) }}|{{ range rest list }}x{{ else }}empty{{ end }}|{{ if rest list }}t{{ else }}f{{ end }}', '[]|[] 0|empty|f'],
    ['{{ empty (rest list) }}|{{ default "d" (rest list) }}|{{ kindOf (rest list) }}|{{ typeOf (rest list) }}', 'true|d|slice|[]interface {}'],
    ['{{ range $k, $v := unset nil "a" }}x{{ else }}e{{ end }}|{{ len (unset nil "a") }}|{{ unset nil "a" }}|{{ empty (unset nil "a") }}', 'e|0|map[]|true'],
    // %#v shows nil.
    ['{{ printf "%#v" (rest list) }}|{{ printf "%#v" (regexSplit "a" "b" 0) }}|{{ printf "%#v" (unset nil "a") }}', '[]interface {}(nil)|[]string(nil)|map[string]interface {}(nil)'],
    ['{{ printf "%#v" (list (rest list)) }}|{{ printf "%#v" (dict "a" (rest list)) }}|{{ printf "%#v" (list) }}', '[]interface {}{[]interface {}(nil)}|map[string]interface {}{"a":[]interface {}(nil)}|[]interface {}{}'],
    ['{{ printf "%#v %#v" (fromJson "null") (fromJsonArray "null") }}', 'map[string]interface {}(nil) []interface {}(nil)'],
    // Encoders.
    ['{{ rest list | toYaml }}|{{ dict "a" (rest list) | toYaml }}|{{ toYaml (list (unset nil "a") (rest list)) }}', 'null|a: null|- null\n- null'],
    ['{{ toJson (list (rest list) (concat)) }}|{{ $d := dict }}{{ $_ := set $d "k" (rest list) }}{{ toJson $d }}', '[null,null]|{"k":null}'],
    ['{{ toToml (dict "a" (rest list) "b" 1) }}|{{ toToml (dict "a" (unset nil "x") "b" 1) }}|{{ toToml (dict "a" (list) "c" (dict)) }}', 'b = 1\n|b = 1\n|a = []\n\n[c]\n'],
    // deepCopy keeps nil; deepEqual tells nil from empty.
    ['{{ deepCopy (rest list) | toJson }}|{{ mustDeepCopy (concat) | toJson }}', 'null|null'],
    ['{{ deepEqual (rest list) list }}|{{ deepEqual (rest list) (concat) }}|{{ deepEqual (unset nil "a") (dict) }}|{{ deepEqual (unset nil "a") (unset nil "b") }}', 'false|true|false|true'],
    // eq: a nil slice or map equals nil; nil against a non-nil slice is false, not an error.
    ['{{ eq (rest list) nil }}|{{ eq nil (rest list) }}|{{ eq (list) nil }}|{{ eq (unset nil "a") nil }}|{{ ne (rest list) nil }}|{{ ne (list) nil }}', 'true|true|false|true|false|true'],
    ['{{ eq (rest list) (rest list) }}|{{ eq (rest list) (list) }}|{{ eq (list) (rest list) }}|{{ eq (dict) nil }}|{{ eq (unset nil "a") (dict) }}', 'true|false|false|false|false'],
    ['{{ eq (unset nil "a") (rest list) }}', 'ERR: Error: template: c/templates/t.yaml:1:3: executing "c/templates/t.yaml" at <eq (unset nil "a") (rest list)>: error calling eq: non-comparable types map[]: map[string]interface {}, []interface {}: []'],
    // A nil map argument: unset returns it; merge into it builds a new map at the first non-nil src.
    ['{{ unset nil "a" | toJson }}|{{ get nil "a" | toJson }}|{{ hasKey nil "a" }}|{{ keys (unset nil "a") | toJson }}', 'null|""|false|[]'],
    ['{{ merge nil | toJson }}|{{ mergeOverwrite nil | toJson }}|{{ merge nil nil | toJson }}|{{ merge (dict) nil | toJson }}', 'null|null|null|{}'],
    ['{{ merge nil (dict) | toJson }}|{{ mergeOverwrite nil (dict "a" 1) | toJson }}|{{ mustMerge nil (dict "a" 1) | toJson }}|{{ merge nil (dict) (dict "a" 1) | toJson }}', '{}|{"a":1}|{"a":1}|{"a":1}'],
    ['{{ $x := unset nil "a" }}{{ $y := merge $x (dict "a" 1) }}{{ toJson $x }}|{{ toJson $y }}', 'null|{"a":1}'],
    ['{{ $x := unset nil "a" }}{{ $y := mergeOverwrite $x (dict "a" 1) }}{{ toJson $x }}|{{ toJson $y }}', 'null|{"a":1}'],
    ['{{ $d := dict "a" (unset nil "x") }}{{ merge $d (dict "a" (dict "b" 1)) | toJson }}', '{"a":{"b":1}}'],
    ['{{ merge (dict) (dict "a" (unset nil "x")) | toJson }}|{{ mergeOverwrite (dict "a" 1) (dict "a" (rest list)) | toJson }}|{{ merge (dict "a" 1) (dict "a" (rest list)) | toJson }}', '{"a":null}|{"a":null}|{"a":1}'],
    ['{{ mergeOverwrite (dict "a" (dict "b" 1)) (dict "a" (unset nil "x")) | toJson }}', '{"a":{"b":1}}'],
  ])('%s', (t, want) => {
    expect(render(t, compat)).toBe(want);
  });

  it.each([
    ['{{ set nil "a" 1 }}', '<set nil "a" 1>'],
    ['{{ set (unset nil "a") "b" 1 }}', '<set (unset nil "a") "b" 1>'],
    ['{{ set (fromJson "null") "b" 1 }}', '<set (fromJson "null") "b" 1>'],
  ])('set into a nil map panics: %s', (t, at) => {
    expect(render(t, compat)).toBe(
      `ERR: Error: template: c/templates/t.yaml:1:3: executing "c/templates/t.yaml" at ${at}: error calling set: assignment to entry in nil map`,
    );
  });
});
