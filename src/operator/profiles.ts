/**
 * The built-in profiles (profiles/*.yaml, embedded by `npm run gen` into src/generated/profiles.ts).
 * Profiles are parsed once, on first use; positions in issues point at `profiles/<name>.yaml`.
 */
import { PROFILE_NAMES, PROFILE_YAML, type ProfileName } from '../generated/profiles.js';
import type { Issue, SourceMap } from './issues.js';
import { parseIstioOperatorYaml } from './load.js';

export type { ProfileName } from '../generated/profiles.js';

export const DEFAULT_PROFILE = 'default';

/** Names of the built-in profiles, sorted. */
export function listProfiles(): readonly ProfileName[] {
  return PROFILE_NAMES;
}

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

/** The path issues name for a built-in profile: `profiles/<name>.yaml`. */
export function profileFile(name: ProfileName): string {
  return `profiles/${name}.yaml`;
}

/** The raw YAML text of a built-in profile. */
export function profileYaml(name: ProfileName): string {
  return PROFILE_YAML[name];
}

export type ParsedProfile =
  | { readonly ok: true; readonly value: Readonly<Record<string, unknown>>; readonly sourceMap: SourceMap }
  | { readonly ok: false; readonly issues: readonly Issue[] };

const parsed = new Map<ProfileName, ParsedProfile>();

/**
 * A built-in profile as data. The returned value is shared between calls: callers must not
 * change it (composition copies what it merges).
 */
export function loadProfile(name: ProfileName): ParsedProfile {
  let p = parsed.get(name);
  if (!p) {
    const r = parseIstioOperatorYaml(PROFILE_YAML[name], profileFile(name));
    p = r.ok ? { ok: true, value: r.value, sourceMap: r.sourceMap } : { ok: false, issues: r.issues };
    parsed.set(name, p);
  }
  return p;
}
