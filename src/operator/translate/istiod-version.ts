/**
 * The minor version of the istiod a values tree installs, read from its image tag the way the
 * istiod chart's `istiod.minorVersion` helper does (contract C): pilot.tag, else global.tag,
 * matched by `^v?1\.([0-9]+)` (1.11.8, 1.12.0-distroless, v1.12.1). Anything else (latest, a
 * digest, master, no tag) is unknown. A numeric tag (YAML `tag: 1.12`) is read as printed.
 */
import { at, nonEmptyString } from './data.js';

const MINOR = /^v?1\.([0-9]+)/;

/** istiod's minor version (11 for 1.11.8), or undefined when the tag does not say. */
export function istiodMinorVersion(values: unknown): number | undefined {
  const tag = nonEmptyString(at(values, 'pilot', 'tag')) ?? nonEmptyString(at(values, 'global', 'tag'));
  if (tag === undefined) return undefined;
  const m = MINOR.exec(tag);
  return m?.[1] !== undefined ? Number(m[1]) : undefined;
}
