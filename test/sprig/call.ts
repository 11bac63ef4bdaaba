/** Test helper: calls a Sprig function spec by name the way the executor would after conversion. */
import { expect } from 'vitest';
import { GoError } from '../../src/gotemplate/errors.js';
import type { GoFuncSpec, GoValue } from '../../src/gotemplate/value.js';

export function caller(specs: readonly GoFuncSpec[]): (name: string, ...args: GoValue[]) => GoValue {
  const byName = new Map(specs.map((s) => [s.name, s]));
  return (name, ...args) => {
    const spec = byName.get(name);
    if (!spec) throw new Error(`no function ${name}`);
    return spec.fn(...args);
  };
}

/** The message of the GoError `f` throws (anything else thrown fails the test), or 'no error'. */
export function errOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GoError);
    return (e as Error).message;
  }
  return 'no error';
}

/** The message of whatever `f` throws (a Go panic when not a GoError), or 'no panic'. */
export function panicOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no panic';
}
