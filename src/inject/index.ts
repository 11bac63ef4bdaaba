/**
 * Offline sidecar injection (istioctl kube-inject, issue 9): workload documents -> the pods they
 * carry -> policy -> the injector's templates -> merge into the pod -> istiod's post-processing ->
 * the pod put back. Injected documents are printed again (go-yaml v2, keys sorted, as
 * sigs.k8s.io/yaml prints them); every other document is passed through as written.
 *
 * Which pods are injected follows the webhook of the given injector (its policy, never/always
 * selectors, default templates and injectedAnnotations), so offline injection gives what the
 * cluster would; `semantics: 'istioctl'` gives istioctl 1.11 kube-inject's choices instead
 * (policy enabled, no selectors, template `sidecar`, no injectedAnnotations). A pod injected already is refused (`inject-already-injected`), never given a
 * second sidecar.
 */
import { toGoValue } from '../manifest/generate/plain.js';
import { IstioOperatorError, type Issue } from '../operator/issues.js';
import { marshalYaml } from '../yaml/index.js';
import { mergeFragments, MergeError } from './merge.js';
import { parseWorkloads, workloadIssue, type WorkloadDocument } from './parse-workloads.js';
import { alreadyInjected, injectionPolicy, stringMap } from './policy.js';
import { postProcess } from './postprocess.js';
import { runTemplates } from './run-templates.js';
import type { InjectedDocument, InjectInput, InjectionSource, InjectOutput, PodTarget } from './types.js';
import { findPods, replacePod, type FoundPod } from './workload.js';

export type * from './types.js';

export const TEMPLATES_ANNOTATION = 'inject.istio.io/templates';

/** Runs the named templates for one pod (I1's runTemplates; a parameter for tests). */
export type TemplateRunner = (
  source: InjectionSource,
  target: PodTarget,
  names: readonly string[],
) => { success: true; fragments: Record<string, unknown>[] } | { success: false; issues: readonly Issue[] };

/** The templates a pod asks for (`inject.istio.io/templates`, comma separated), else the injector's defaults (else `sidecar`). */
export function selectTemplates(source: InjectionSource, target: PodTarget): string[] {
  const annotations = stringMap(target.metadata.annotations);
  if (Object.hasOwn(annotations, TEMPLATES_ANNOTATION)) return annotations[TEMPLATES_ANNOTATION].split(',').map((s) => s.trim());
  return source.config.defaultTemplates.length > 0 ? [...source.config.defaultTemplates] : ['sidecar'];
}

type PodResult = { kind: 'injected'; metadata: Record<string, unknown>; spec: Record<string, unknown> } | { kind: 'skipped'; reason: string } | { kind: 'failed'; issues: Issue[] };

function reworded(doc: WorkloadDocument, pod: FoundPod, issue: Issue): Issue {
  const at = pod.where === '' ? doc.label : `${doc.label}: ${pod.where}`;
  return { ...issue, path: issue.path === '' ? at : `${at}: ${issue.path}` };
}

function injectPod(doc: WorkloadDocument, pod: FoundPod, source: InjectionSource, run: TemplateRunner, warnings: Issue[]): PodResult {
  const { target } = pod;
  const policy = injectionPolicy(source.config, target);
  for (const s of policy.invalidSelectors) {
    warnings.push(workloadIssue(doc, pod.path, 'inject-invalid-selector', `${s} is not a valid label selector; istiod ignores it`, { severity: 'warning' }));
  }
  if (!policy.decision.inject) return { kind: 'skipped', reason: policy.decision.reason };
  const injected = alreadyInjected(target);
  if (injected !== undefined) {
    return {
      kind: 'failed',
      issues: [
        workloadIssue(doc, pod.path, 'inject-already-injected', `already injected (${injected}); injecting it again would add a second sidecar`, {
          suggestion: 'inject the original workload file, not the output of kube-inject',
        }),
      ],
    };
  }
  const ran = run(source, target, selectTemplates(source, target));
  if (!ran.success) return { kind: 'failed', issues: ran.issues.map((i) => reworded(doc, pod, i)) };
  const original = { metadata: target.metadata, spec: target.spec };
  try {
    const merged = mergeFragments(original, ran.fragments);
    const done = postProcess({ pod: merged.pod, templatePod: merged.templatePod, original, source });
    return { kind: 'injected', metadata: done.metadata, spec: done.spec };
  } catch (e) {
    if (!(e instanceof MergeError)) throw e;
    return { kind: 'failed', issues: [workloadIssue(doc, pod.path, 'inject-merge', `the template output cannot be merged into the pod: ${e.path}: ${e.message}`)] };
  }
}

function ensureNewline(s: string): string {
  return s === '' || s.endsWith('\n') ? s : `${s}\n`;
}

/** The source as istioctl 1.11 kube-inject uses it: its templates, values and mesh config, but not its policy. */
export function istioctlSource(source: InjectionSource): InjectionSource {
  return {
    ...source,
    config: { ...source.config, policy: 'enabled', neverInjectSelector: [], alwaysInjectSelector: [], defaultTemplates: ['sidecar'], injectedAnnotations: {} },
  };
}

/** inject() with the template runner given (tests use hand-written runners). */
export function safeInjectWith(input: InjectInput, run: TemplateRunner): { success: true; data: InjectOutput } | { success: false; issues: readonly Issue[] } {
  if (input.semantics === 'istioctl') input = { ...input, source: istioctlSource(input.source), semantics: 'webhook' };
  const parsed = parseWorkloads(input.text, input.file);
  if (!parsed.success) return { success: false, issues: parsed.issues };
  const warnings: Issue[] = [...parsed.warnings];
  const errors: Issue[] = [];
  const documents: InjectedDocument[] = [];
  const texts: string[] = [];
  for (const doc of parsed.documents) {
    if (doc.object === undefined) continue;
    const found = findPods(doc.object, doc.namespace ?? input.namespace ?? '');
    for (const p of found.problems) errors.push(workloadIssue(doc, [], 'inject-no-pod-template', `${p.path}: ${p.message}`));
    if (found.pods.length === 0) {
      documents.push({ index: doc.index, kind: doc.kind, name: doc.name, outcome: 'passed-through' });
      texts.push(ensureNewline(doc.text));
      continue;
    }
    let object = doc.object;
    let injected = 0;
    const reasons: string[] = [];
    for (const pod of found.pods) {
      const r = injectPod(doc, pod, input.source, run, warnings);
      if (r.kind === 'failed') errors.push(...r.issues);
      else if (r.kind === 'skipped') {
        const what = pod.where === '' || pod.path[0] !== 'items' ? '' : `${pod.where}: `;
        reasons.push(`${what}${r.reason}`);
        warnings.push(workloadIssue(doc, pod.path, 'inject-skipped', `not injected: ${r.reason}`, { severity: 'warning' }));
      } else {
        object = replacePod(object, pod.path, r.metadata, r.spec);
        injected++;
      }
    }
    const reason = reasons.length > 0 ? reasons.join('; ') : undefined;
    if (injected > 0) {
      documents.push({ index: doc.index, kind: doc.kind, name: doc.name, outcome: 'injected', ...(reason !== undefined ? { reason } : {}) });
      texts.push(marshalYaml(toGoValue(object)));
    } else {
      documents.push({ index: doc.index, kind: doc.kind, name: doc.name, outcome: 'skipped', ...(reason !== undefined ? { reason } : {}) });
      texts.push(ensureNewline(doc.text));
    }
  }
  if (errors.length > 0) return { success: false, issues: errors };
  return { success: true, data: { yaml: texts.join('---\n'), documents, warnings } };
}

/** Injects the workloads of `input.text`; issues as data. */
export function safeInject(input: InjectInput): { success: true; data: InjectOutput } | { success: false; issues: readonly Issue[] } {
  return safeInjectWith(input, runTemplates);
}

/** Injects the workloads of `input.text`; throws IstioOperatorError with every problem found. */
export function inject(input: InjectInput): InjectOutput {
  const r = safeInject(input);
  if (!r.success) throw new IstioOperatorError(r.issues);
  return r.data;
}
