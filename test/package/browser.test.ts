// The template engine runs in a browser: bundled for the browser platform (any Node built-in
// import fails the build) and executed in a V8 context that has only standard JavaScript
// globals plus TextEncoder/TextDecoder and crypto.getRandomValues — no process, Buffer or require.
import { buildSync } from 'esbuild';
import { webcrypto } from 'node:crypto';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

describe('the engine in a browser-like context', () => {
  it('bundles for the browser and renders without Node globals', () => {
    const bundle = buildSync({
      entryPoints: [new URL('../../src/index.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'istioInstaller',
      write: false,
      logLevel: 'silent',
    });
    const code = bundle.outputFiles[0].text;
    const sandbox = createContext({
      TextEncoder,
      TextDecoder,
      crypto: { getRandomValues: (a: Uint8Array) => webcrypto.getRandomValues(a) },
    });
    runInContext(code, sandbox);
    const out = runInContext(
      `(() => {
        const { yaml, renderTemplates } = istioInstaller;
        const r = renderTemplates({
          chartName: 'c',
          files: new Map([['templates/t.yaml', '{{ toYaml .Values | nindent 2 }}|{{ len (randAlpha 4) }}|{{ sha256sum "a" | trunc 8 }}|{{ regexReplaceAll "(a+)b" "xaab" "<$1>" }}']]),
          values: yaml.loadValues('b: [1, "on"]\\na: 1000000\\n'),
          release: { name: 'r', namespace: 'ns' },
          compat: 'helm4',
        });
        return [typeof process, typeof Buffer, typeof require, r.ok ? r.outputs.get('c/templates/t.yaml') : r.error.message];
      })()`,
      sandbox,
    ) as string[];
    expect(out.slice(0, 3)).toEqual(['undefined', 'undefined', 'undefined']);
    expect(out[3]).toBe('\n  a: 1000000\n  b:\n  - 1\n  - "on"|4|ca978112|x<aa>');
  });
});
