/** Test helper: calls a Sprig function spec by name the way the executor would after conversion. */
import type { GoFuncSpec, GoValue } from '../../src/gotemplate/value.js';

export function caller(specs: readonly GoFuncSpec[]): (name: string, ...args: GoValue[]) => GoValue {
  const byName = new Map(specs.map((s) => [s.name, s]));
  return (name, ...args) => {
    const spec = byName.get(name);
    if (!spec) throw new Error(`no function ${name}`);
    return spec.fn(...args);
  };
}
