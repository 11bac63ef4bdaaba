import { describe, expect, it } from 'vitest';
import { render } from './render.js';

// Sprig base64/base32 functions. Every expectation was measured with helm 3.17.3 and helm 4.1.4
// (`helm template`, both print the same unless a row says otherwise).
describe("Sprig base64/base32 functions", () => {
  it.each([
    ["{{ b64enc \"héllo\" }}", "aMOpbGxv"],
    ["{{ b64dec \"aGVsbG8=\" }}", "hello"],
    ["{{ b64dec \"!!\" }}", "illegal base64 data at input byte 0"],
    ["{{ b64dec \"aGVsbG8\" }}", "illegal base64 data at input byte 4"],
    ["{{ b64dec \"aGVsbG8=\\n\" }}", "hello"],
    ["{{ b64dec \"YQ=\" }}", "illegal base64 data at input byte 3"],
    ["{{ b64dec \"YWJj\\nZA==\" }}", "abcd"],
    ["{{ b64dec \"YWJjZA==YQ==\" }}", "illegal base64 data at input byte 8"],
    ["{{ b64dec \"YQ=x\" }}", "illegal base64 data at input byte 2"],
    ["{{ b64dec \"aOlsbG8=\" | b64enc }}", "aOlsbG8="],
    ["{{ b32enc \"hello\" }}", "NBSWY3DP"],
    ["{{ b32enc \"a\" }}", "ME======"],
    ["{{ b32dec \"NBSWY3DP\" }}", "hello"],
    ["{{ b32dec \"x\" }}", "illegal base32 data at input byte 0"],
    ["{{ b32dec \"NBSWY3D\" }}", "illegal base32 data at input byte 0"],
    ["{{ b32dec \"ME======\" }}", "a"],
    ["{{ b32dec \"ME=====\" }}", "illegal base32 data at input byte 7"],
    ["{{ b32dec \"M=======\" }}", "illegal base32 data at input byte 1"],
    ["{{ b32dec \"MF\\nRGGZDF\" }}", "abcde"],
    ["{{ b32dec \"ME==x===\" }}", "illegal base32 data at input byte 3"],
  ])('%s renders %j', (text, want) => {
    expect(render(text, 'helm3')).toBe(want);
    expect(render(text, 'helm4')).toBe(want);
  });
});
