/** helm's `toToml` / `fromToml` (BurntSushi/toml). */
import type { GoValue } from '../gotemplate/value.js';

export function toToml(_v: GoValue): string {
  return '';
}

export function fromToml(_text: string): Map<string, GoValue> {
  return new Map();
}
