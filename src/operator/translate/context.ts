/** What every part of the translation reads: the spec, the owner, the revision and the shared values. */
import type { Obj } from './data.js';

export interface TranslateContext {
  readonly spec: Obj;
  /** metadata.name, when set. */
  readonly ownerName: string | undefined;
  /** The --revision override (undefined: none). */
  readonly revisionOverride: string | undefined;
  /** The effective revision ('' for the default revision). */
  readonly revision: string;
  /** API fields + spec.values + unvalidatedValues, without any component's own layer. */
  readonly common: Obj;
}

/** istioctl's Helm release name for every chart. */
export const RELEASE_NAME = 'istio';
