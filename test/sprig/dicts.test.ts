import { describe, expect, it } from 'vitest';
import { render, renderError } from './render.js';

// Sprig dict functions. Every expectation was measured with helm 3.17.3 and helm 4.1.4
// (`helm template`, both print the same unless a row says otherwise).
describe("Sprig dict functions", () => {
  it.each([
    ["{{ dict \"a\" }}", "map[a:]"],
    ["{{ dict 1 2 nil 3 }}", "map[1:2 <nil>:3]"],
    ["{{ get (dict \"a\" 1) \"b\" | quote }}", "\"\""],
    ["{{ hasKey (dict \"a\" nil) \"a\" }}", "true"],
    ["{{ pluck \"a\" (dict \"a\" 1) (dict \"b\" 2) (dict \"a\" 3) }}", "[1 3]"],
    ["{{ pick (dict \"a\" 1 \"b\" 2) \"a\" \"z\" }}", "map[a:1]"],
    ["{{ omit (dict \"a\" 1 \"b\" 2) \"a\" }}", "map[b:2]"],
    ["{{ keys (dict \"b\" 1 \"a\" 2) | sortAlpha }}", "[a b]"],
    ["{{ typeOf (keys) }}", "[]string"],
    ["{{ values (dict \"a\" 1) }}", "[1]"],
    ["{{ $d := dict \"a\" 1 }}{{ $_ := set $d \"b\" 2 }}{{ $d }}", "map[a:1 b:2]"],
    ["{{ $d := dict \"a\" 1 \"b\" 2 }}{{ $_ := unset $d \"a\" }}{{ $d }}", "map[b:2]"],
    ["{{ merge nil (dict \"a\" 1) }}", "map[a:1]"],
    ["{{ $d := dict \"a\" \"\" \"b\" false \"c\" 0 \"d\" \"keep\" \"e\" (list) \"f\" (dict) \"g\" nil \"h\" (dict \"x\" 1) \"i\" (list 1) }}{{ $_ := merge $d (dict \"a\" \"A\" \"b\" true \"c\" 9 \"d\" \"new\" \"e\" (list 2) \"f\" (dict \"y\" 2) \"g\" \"G\" \"h\" (dict \"x\" 2 \"z\" 3) \"i\" (list 9) \"j\" nil \"k\" \"K\") }}{{ toJson $d }}", "{\"a\":\"A\",\"b\":true,\"c\":9,\"d\":\"keep\",\"e\":[2],\"f\":{\"y\":2},\"g\":\"G\",\"h\":{\"x\":1,\"z\":3},\"i\":[1],\"k\":\"K\"}"],
    ["{{ $d := dict \"a\" \"x\" \"b\" true \"c\" 1 \"e\" (list 1) \"h\" (dict \"x\" 1) \"i\" (list 1) \"m\" \"str\" \"n\" (dict \"q\" 1) }}{{ $_ := mergeOverwrite $d (dict \"a\" \"\" \"b\" false \"c\" 0 \"d\" nil \"e\" (list) \"h\" (dict \"x\" nil) \"i\" (list 9) \"j\" nil \"m\" (dict \"z\" 1) \"n\" \"s\") }}{{ toJson $d }}", "{\"a\":\"\",\"b\":false,\"c\":0,\"d\":null,\"e\":[],\"h\":{\"x\":null},\"i\":[9],\"j\":null,\"m\":{\"z\":1},\"n\":\"s\"}"],
    ["{{ $d := dict \"m\" \"str\" \"n\" (dict \"q\" 1) \"o\" (list 1) }}{{ $_ := merge $d (dict \"m\" (dict \"z\" 1) \"n\" \"s\" \"o\" \"s\" \"p\" (list)) }}{{ toJson $d }}", "{\"m\":\"str\",\"n\":{\"q\":1},\"o\":[1],\"p\":[]}"],
    ["{{ $s := dict \"h\" (dict \"x\" 1) }}{{ $d := dict }}{{ $_ := merge $d $s }}{{ $_ := set $s.h \"y\" 2 }}{{ toJson $d }}", "{\"h\":{\"x\":1,\"y\":2}}"],
    ["{{ $s := dict \"h\" (dict \"x\" 1) }}{{ $d := dict \"h\" (dict) }}{{ $_ := merge $d $s }}{{ $_ := set $s.h \"y\" 2 }}{{ toJson $d }}", "{\"h\":{\"x\":1}}"],
    ["{{ $d := dict \"a\" 1 }}{{ $r := mergeOverwrite $d (dict \"b\" 2) (dict \"a\" 3) }}{{ $d }} {{ $r }}", "map[a:3 b:2] map[a:3 b:2]"],
    ["{{ dig \"a\" \"b\" \"def\" (dict \"a\" (dict \"b\" 1)) }}", "1"],
    ["{{ dig \"a\" \"x\" \"def\" (dict \"a\" (dict \"b\" 1)) }}", "def"],
  ])('%s renders %j', (text, want) => {
    expect(render(text, 'helm3')).toBe(want);
    expect(render(text, 'helm4')).toBe(want);
  });
  it.each([
    ["{{ dig \"a\" \"b\" \"def\" (dict \"a\" \"s\") }}", "error calling dig: interface conversion: interface {} is string, not map[string]interface {}"],
    ["{{ dig \"a\" (dict) }}", "error calling dig: dig needs at least three arguments"],
    ["{{ dig 1 \"d\" (dict) }}", "error calling dig: interface conversion: interface {} is int, not string"],
  ])('%s fails with %j', (text, message) => {
    expect(renderError(text)).toContain(message);
  });
});
