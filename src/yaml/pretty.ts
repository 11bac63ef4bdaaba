/**
 * helm's `toYamlPretty`: goyaml.v3's encoder with a two-space indent.
 * TEMP: falls back to the v2 emitter until the v3 rules are done.
 */
import type { GoValue } from '../gotemplate/value.js';
import { toYaml } from './emit.js';

export function toYamlPretty(v: GoValue): string {
  return toYaml(v);
}
