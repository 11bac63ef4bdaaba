import { describe, expect, it } from 'vitest';
import { render } from './render.js';

// Sprig conversions (spf13/cast v1.7.0 semantics). Every expectation was measured with helm 3.17.3 and helm 4.1.4
// (`helm template`, both print the same unless a row says otherwise).
describe("Sprig conversions (spf13/cast v1.7.0 semantics)", () => {
  it.each([
    ["{{ toString nil }}", "<nil>"],
    ["{{ toString 1e6 }}", "1e+06"],
    ["{{ toString (list 1 \"a\") }}", "[1 a]"],
    ["{{ toString (dict \"a\" 1) }}", "map[a:1]"],
    ["{{ int \"08\" }}", "0"],
    ["{{ int \"0x1F\" }}", "31"],
    ["{{ int \"1.5\" }}", "0"],
    ["{{ int \"1.0\" }}", "1"],
    ["{{ int \" 3\" }}", "0"],
    ["{{ int 1.9 }}", "1"],
    ["{{ int -1.9 }}", "-1"],
    ["{{ int true }}", "1"],
    ["{{ int nil }}", "0"],
    ["{{ int \"1_000\" }}", "1000"],
    ["{{ int \"99999999999999999999\" }}", "0"],
    ["{{ int 1e20 }}", "-9223372036854775808"],
    ["{{ typeOf (int 1) }}", "int"],
    ["{{ int64 \"9223372036854775807\" }}", "9223372036854775807"],
    ["{{ typeOf (int64 1) }}", "int64"],
    ["{{ float64 \"abc\" }}", "0"],
    ["{{ float64 \"1e3\" }}", "1000"],
    ["{{ float64 \"inf\" }}", "+Inf"],
    ["{{ float64 \"0x1p-2\" }}", "0.25"],
    ["{{ float64 \"1e400\" }}", "0"],
    ["{{ float64 \"1_000.5\" }}", "1000.5"],
    ["{{ atoi \"12a\" }}", "0"],
    ["{{ atoi \"99999999999999999999\" }}", "9223372036854775807"],
    ["{{ atoi \"+5\" }}", "5"],
    ["{{ atoi \"1_0\" }}", "0"],
    ["{{ toDecimal \"0777\" }}", "511"],
    ["{{ toDecimal 777 }}", "511"],
    ["{{ toDecimal \"8\" }}", "0"],
    ["{{ toDecimal \"-17\" }}", "-15"],
    ["{{ toDecimal \"0o17\" }}", "0"],
    ["{{ typeOf (toDecimal 1) }}", "int64"],
    ["{{ toStrings (list 1 nil \"a\") }}", "[1 a]"],
    ["{{ typeOf (toStrings 1) }}", "[]string"],
    ["{{ toStrings nil }}", "[]"],
  ])('%s renders %j', (text, want) => {
    expect(render(text, 'helm3')).toBe(want);
    expect(render(text, 'helm4')).toBe(want);
  });
});
