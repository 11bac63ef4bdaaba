import { describe, expect, it } from 'vitest';
import { render, renderError } from './render.js';

// Sprig urlParse and urlJoin (Go net/url). Every expectation was measured with helm 3.17.3 and helm 4.1.4
// (`helm template`, both print the same unless a row says otherwise).
describe("Sprig urlParse and urlJoin (Go net/url)", () => {
  it.each([
    ["{{ urlParse \"https://user:pw@host.com:8080/p/a%20th?q=1&r=2#frag\" }}", "map[fragment:frag host:host.com:8080 hostname:host.com opaque: path:/p/a th query:q=1&r=2 scheme:https userinfo:user:pw]"],
    ["{{ urlParse \"mailto:a@b.c\" }}", "map[fragment: host: hostname: opaque:a@b.c path: query: scheme:mailto userinfo:]"],
    ["{{ urlParse \"/rel\" }}", "map[fragment: host: hostname: opaque: path:/rel query: scheme: userinfo:]"],
    ["{{ urlParse \"HTTP://Example.COM/%7Efoo?x#y%20z\" }}", "map[fragment:y z host:Example.COM hostname:Example.COM opaque: path:/~foo query:x scheme:http userinfo:]"],
    ["{{ urlParse \"http://[::1]:80/x\" }}", "map[fragment: host:[::1]:80 hostname:::1 opaque: path:/x query: scheme:http userinfo:]"],
    ["{{ urlJoin (dict \"scheme\" \"https\" \"host\" \"h.com\" \"path\" \"/a b\" \"query\" \"x=1\" \"fragment\" \"f\" \"userinfo\" \"u:p\") }}", "https://u:p@h.com/a%20b?x=1#f"],
    ["{{ urlJoin (dict \"scheme\" \"mailto\" \"opaque\" \"a@b\") }}", "mailto:a@b"],
    ["{{ urlJoin (dict) }}", ""],
    ["{{ urlJoin (dict \"userinfo\" \"u\") }}", "//u@"],
    ["{{ urlJoin (dict \"path\" \"a:b\") }}", "./a:b"],
    ["{{ urlJoin (dict \"host\" \"h\" \"path\" \"rel\") }}", "//h/rel"],
    ["{{ urlJoin (urlParse \"https://u:p@h.com:1/a%2Fb?q=1#f g\") }}", "https://u:p@h.com:1/a/b?q=1#f%20g"],
  ])('%s renders %j', (text, want) => {
    expect(render(text, 'helm3')).toBe(want);
    expect(render(text, 'helm4')).toBe(want);
  });
  it.each([
    ["{{ urlParse \"http://[::1\" }}", "error calling urlParse: unable to parse url: parse \"http://[::1\": missing ']' in host"],
    ["{{ urlParse \"http://h:x\" }}", "error calling urlParse: unable to parse url: parse \"http://h:x\": invalid port \":x\" after host"],
    ["{{ urlParse \"1http://a\" }}", "error calling urlParse: unable to parse url: parse \"1http://a\": first path segment in URL cannot contain colon"],
    ["{{ urlParse \":x\" }}", "error calling urlParse: unable to parse url: parse \":x\": missing protocol scheme"],
    ["{{ urlParse \"http://a b\" }}", "error calling urlParse: unable to parse url: parse \"http://a b\": invalid character \" \" in host name"],
    ["{{ urlParse \"http://h/%zz\" }}", "error calling urlParse: unable to parse url: parse \"http://h/%zz\": invalid URL escape \"%zz\""],
    ["{{ urlParse \"http://u^@h\" }}", "error calling urlParse: unable to parse url: parse \"http://u^@h\": net/url: invalid userinfo"],
    ["{{ urlJoin (dict \"host\" 1) }}", "error calling urlJoin: unable to parse host key, must be of type string, but int found"],
  ])('%s fails with %j', (text, message) => {
    expect(renderError(text)).toContain(message);
  });
});
