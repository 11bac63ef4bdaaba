/**
 * Namespaces of the components (facts §3.1): the IstioOperator namespace is spec.namespace, else
 * values.global.istioNamespace, else istio-system; Pilot, Cni and IstiodRemote use their
 * components.X.namespace when set, gateways their entry's namespace, Base always the IOP namespace.
 */
import { at, nonEmptyString } from './data.js';

export const DEFAULT_NAMESPACE = 'istio-system';

export function iopNamespace(spec: unknown): string {
  return nonEmptyString(at(spec, 'namespace')) ?? nonEmptyString(at(spec, 'values', 'global', 'istioNamespace')) ?? DEFAULT_NAMESPACE;
}

/** `components.<key>.namespace` (or a gateway entry's namespace), else the IOP namespace. */
export function componentNamespace(component: unknown, spec: unknown): string {
  return nonEmptyString(at(component, 'namespace')) ?? iopNamespace(spec);
}
