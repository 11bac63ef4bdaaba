/**
 * Shared types of the sidecar injection layer (issue 9, CONTRACT.md "Issue 9"). Every module of
 * src/inject imports from here; nothing here has behaviour.
 */
import type { Issue } from '../operator/issues.js';

export type Labels = Readonly<Record<string, string>>;

/** A Kubernetes label selector (metav1.LabelSelector), structurally the same as src/revision's. */
export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly {
    readonly key: string;
    readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    readonly values?: readonly string[];
  }[];
}

/** The `config` key of ConfigMap istio-sidecar-injector[-<rev>]. */
export interface InjectTemplatesConfig {
  readonly policy: 'enabled' | 'disabled';
  readonly defaultTemplates: readonly string[];
  /** Template name -> template text. */
  readonly templates: Readonly<Record<string, string>>;
  readonly alwaysInjectSelector: readonly LabelSelector[];
  readonly neverInjectSelector: readonly LabelSelector[];
  readonly injectedAnnotations: Readonly<Record<string, string>>;
}

/** Everything one istiod's injector knows: its templates, values, mesh config and revision. */
export interface InjectionSource {
  readonly config: InjectTemplatesConfig;
  /** The `values` JSON of the injector ConfigMap. */
  readonly values: Readonly<Record<string, unknown>>;
  /** MeshConfig JSON, istiod's defaults applied. */
  readonly meshConfig: Readonly<Record<string, unknown>>;
  /** "default" for the revision-less istiod. */
  readonly revision: string;
}

/** One pod (or pod template) to inject. */
export interface PodTarget {
  /** Of the workload (Deployment, Pod, ...). */
  readonly typeMeta: { apiVersion: string; kind: string };
  readonly deploymentMeta: { name: string; namespace: string };
  /** Pod (template) ObjectMeta JSON. */
  readonly metadata: Record<string, unknown>;
  /** PodSpec JSON. */
  readonly spec: Record<string, unknown>;
}

export interface InjectInput {
  readonly source: InjectionSource;
  /** The workload YAML (one or more documents). */
  readonly text: string;
  /** File name for messages (`<stdin>` for standard input). */
  readonly file: string;
  /** Namespace for objects without metadata.namespace (istioctl: the kube context's, else "default"). */
  readonly namespace?: string;
  /**
   * Which pods get which templates. 'webhook' (default): as the injector's webhook decides (config.policy,
   * never/always selectors, defaultTemplates, injectedAnnotations). 'istioctl': as istioctl 1.11 kube-inject
   * (policy always enabled, no selectors, default template `sidecar`, no injectedAnnotations).
   */
  readonly semantics?: 'webhook' | 'istioctl';
}

export interface InjectedDocument {
  /** 0-based document index in the input. */
  readonly index: number;
  readonly kind: string;
  readonly name: string;
  readonly outcome: 'injected' | 'skipped' | 'passed-through';
  readonly reason?: string;
}

export interface InjectOutput {
  readonly yaml: string;
  readonly documents: readonly InjectedDocument[];
  readonly warnings: readonly Issue[];
}
