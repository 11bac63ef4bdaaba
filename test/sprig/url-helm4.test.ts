import { describe, expect, it } from 'vitest';
import { render, renderError } from './render.js';

// Go 1.25 (helm 4.1.4) validates bracketed hosts with netip.ParseAddr; Go 1.23 (helm 3.17.3)
// accepts anything between the brackets. Measured with both helms.
describe('urlParse host literals by helm version', () => {
  it.each([
    ['http://[zz]/', 'invalid host: ParseAddr("zz"): unable to parse IP'],
    ['http://[::1::2]/', 'invalid host: ParseAddr("::1::2"): multiple :: in address (at ":2")'],
    ['http://[v1.x]/', 'invalid host: ParseAddr("v1.x"): unexpected character (at "v1.x")'],
    ['http://[]/', 'invalid host: ParseAddr(""): unable to parse IP'],
    ['http://[::1]]/', 'invalid host: ParseAddr("::1]"): unexpected character, want colon (at "]")'],
    ['http://[fe80::1%25]/', 'invalid host: ParseAddr("fe80::1%"): zone must be a non-empty string'],
    ['http://[1.2.3.4%25x]/', 'invalid host: ParseAddr("1.2.3.4%x"): unexpected character (at "%x")'],
    ['http://[1.2.3.4]/', 'invalid IP-literal'],
    ['http://a[b]/', 'invalid IP-literal'],
    ['http://x[/', 'invalid IP-literal'],
  ])('%s fails in helm4 only', (url, reason) => {
    expect(renderError(`{{ urlParse "${url}" }}`, 'helm4')).toContain(
      `error calling urlParse: unable to parse url: parse "${url}": ${reason}`,
    );
    expect(renderError(`{{ urlParse "${url}" }}`, 'helm3')).toBe('');
  });

  it.each([
    ['http://[::ffff:1.2.3.4]/', 'map[fragment: host:[::ffff:1.2.3.4] hostname:::ffff:1.2.3.4 opaque: path:/ query: scheme:http userinfo:]'],
    ['http://a]/', 'map[fragment: host:a] hostname:a] opaque: path:/ query: scheme:http userinfo:]'],
    ['http://u@[::1]:8/', 'map[fragment: host:[::1]:8 hostname:::1 opaque: path:/ query: scheme:http userinfo:u]'],
    ['http://[::1%25%31]/', 'map[fragment: host:[::1%1] hostname:::1%1 opaque: path:/ query: scheme:http userinfo:]'],
    ['http://[fe80::1%25en0]:8080/', 'map[fragment: host:[fe80::1%en0]:8080 hostname:fe80::1%en0 opaque: path:/ query: scheme:http userinfo:]'],
  ])('%s parses in both', (url, want) => {
    expect(render(`{{ urlParse "${url}" }}`, 'helm3')).toBe(want);
    expect(render(`{{ urlParse "${url}" }}`, 'helm4')).toBe(want);
  });
});
