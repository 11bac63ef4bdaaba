/** Types of scripts/gen/profiles.mjs for the TypeScript tests. */
export declare const PROFILES_OUTPUT: string;
/** Generates src/generated/profiles.ts from profiles/*.yaml; writes it unless `write` is false. */
export default function genProfiles(repoRoot: string, opts?: { write?: boolean }): { path: string; content: string };
