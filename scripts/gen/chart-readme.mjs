/**
 * charts/<chart>/README.md: the chart's name, description and versions from its Chart.yaml, how
 * to install it with helm, and a table of every value of its values schema (dotted path, type,
 * default from the chart's values.yaml, description from the schema). Objects are recursed into;
 * Kubernetes-typed values (the `k8s` settings block, anything typed by a definition of
 * schema/k8s.schema.json) are one row whose type links to docs/reference.md. The layout lives
 * in templates/chart-readme.md.hbs; scripts/gen/chart-notes/<chart>.md, when present, is added
 * as the chart's notes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { parse as parseYaml } from 'yaml';

const HERE = dirname(fileURLToPath(import.meta.url));
/** docs/reference.md as seen from charts/<chart>/README.md. */
const REFERENCE = '../../docs/reference.md';

/** Where each chart is usually installed (release name, namespace) for the install example. */
const INSTALL = {
  base: { release: 'istio-base', namespace: 'istio-system' },
  istiod: { release: 'istiod', namespace: 'istio-system' },
  'istiod-remote': { release: 'istiod-remote', namespace: 'istio-system' },
  gateway: { release: 'istio-ingressgateway', namespace: 'istio-ingress' },
  cni: { release: 'istio-cni', namespace: 'kube-system' },
};

/** The Kubernetes settings block of a workload chart (pilot.k8s, cni.k8s, k8s): one row, whatever its definition. */
const K8S_BLOCK = 'k8s';

function anchor(name) {
  return name.toLowerCase().replace(/[^a-z0-9-]/g, '');
}

function cell(text) {
  return String(text).replace(/\r?\n+/g, ' ').replace(/\|/g, '\\|').trim();
}

function refTarget(node) {
  if (!node || typeof node !== 'object') return undefined;
  const ref = node.$ref ?? (Array.isArray(node.allOf) && node.allOf.length === 1 ? node.allOf[0].$ref : undefined);
  if (typeof ref !== 'string') return undefined;
  const m = /^#\/definitions\/([^/]+)$/.exec(ref);
  return m ? m[1].replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

function code(text) {
  const s = String(text);
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${ticks === '``' ? ' ' : ''}${s}${ticks === '``' ? ' ' : ''}${ticks}`;
}

/** Reads Kubernetes-typed definitions, resolves refs and names types within one chart schema. */
class Walker {
  constructor(schema, kubeDefinitions) {
    this.definitions = schema.definitions ?? {};
    this.kube = kubeDefinitions;
    this.rows = [];
  }

  link(name) {
    return `[${name}](${REFERENCE}#${anchor(name)})`;
  }

  /** The type column of a node. */
  typeOf(s, depth = 0) {
    if (s === true || s === undefined) return 'any';
    if (s === false) return 'never';
    const target = refTarget(s);
    if (target !== undefined) {
      const def = this.definitions[target];
      if (this.kube.has(target) || def === undefined || depth > 2) return this.link(target);
      if (def.properties) return 'object';
      return this.typeOf(def, depth + 1);
    }
    if (s.const !== undefined) return code(JSON.stringify(s.const));
    if (Array.isArray(s.enum)) return s.enum.map((v) => code(JSON.stringify(v))).join(' or ');
    const alts = s.anyOf ?? s.oneOf;
    if (Array.isArray(alts)) return alts.map((a) => this.typeOf(a, depth + 1)).join(' or ');
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    if (types.length === 0) return s.properties ? 'object' : 'any';
    return types
      .map((t) => {
        if (t === 'array') return `list of ${s.items && !Array.isArray(s.items) ? this.typeOf(s.items, depth + 1) : 'any'}`;
        if (t === 'object') {
          if (s.properties) return 'object';
          if (s.additionalProperties && typeof s.additionalProperties === 'object') return `map of ${this.typeOf(s.additionalProperties, depth + 1)}`;
          return 'map';
        }
        return t;
      })
      .join(' or ');
  }

  /** The object whose properties a row's children come from, or undefined for a leaf. */
  expandable(name, p, stack) {
    const target = refTarget(p);
    if (target !== undefined) {
      if (this.kube.has(target) || name === K8S_BLOCK || stack.includes(target)) return undefined;
      const def = this.definitions[target];
      return def && def.properties && Object.keys(def.properties).length > 0 ? { node: def, name: target } : undefined;
    }
    return p.properties && Object.keys(p.properties).length > 0 ? { node: p, name: undefined } : undefined;
  }

  walk(node, prefix, values, stack) {
    for (const [name, prop] of Object.entries(node.properties ?? {})) {
      const p = prop && typeof prop === 'object' ? prop : {};
      const path = prefix ? `${prefix}.${name}` : name;
      const has = values !== null && typeof values === 'object' && !Array.isArray(values) && Object.prototype.hasOwnProperty.call(values, name);
      const value = has ? values[name] : undefined;
      const target = refTarget(p);
      const description = [p.description ?? (target ? this.definitions[target]?.description : undefined) ?? ''];
      if (p.default !== undefined && !has) description.push(`Schema default ${code(JSON.stringify(p.default))}.`);
      const sub = this.expandable(name, p, stack);
      this.rows.push({
        path: cell(code(path)),
        type: cell(sub ? 'object' : name === K8S_BLOCK && target !== undefined ? this.link(target) : this.typeOf(p)),
        default: sub ? '' : cell(has ? code(JSON.stringify(value)) : '(not set)'),
        description: cell(description.filter(Boolean).join(' ')),
      });
      if (sub) this.walk(sub.node, path, value, sub.name ? [...stack, sub.name] : stack);
    }
  }
}

/**
 * The README text of `chart` (its Chart.yaml and values.yaml under `root`/charts/<chart>), for
 * the chart's values schema `schema` (as written to values.schema.json); `kubeDefinitions`: the
 * names of the Kubernetes-typed definitions.
 */
export function generateChartReadme(root, chart, schema, kubeDefinitions, templatePath = join(HERE, 'templates', 'chart-readme.md.hbs')) {
  const dir = join(root, 'charts', chart);
  const meta = parseYaml(readFileSync(join(dir, 'Chart.yaml'), 'utf8')) ?? {};
  const valuesPath = join(dir, 'values.yaml');
  const values = existsSync(valuesPath) ? (parseYaml(readFileSync(valuesPath, 'utf8'), { version: '1.1' }) ?? {}) : {};
  const walker = new Walker(schema, kubeDefinitions);
  walker.walk(schema, '', values, []);
  const notesPath = join(HERE, 'chart-notes', `${chart}.md`);
  const install = INSTALL[chart] ?? { release: chart, namespace: 'istio-system' };
  const template = Handlebars.compile(readFileSync(templatePath, 'utf8'), { noEscape: true, strict: true });
  return (
    template({
      chart,
      name: String(meta.name ?? chart),
      description: String(meta.description ?? '').trim(),
      version: String(meta.version ?? ''),
      appVersion: String(meta.appVersion ?? ''),
      kubeVersion: String(meta.kubeVersion ?? ''),
      release: install.release,
      namespace: install.namespace,
      closedRoot: schema.additionalProperties === false,
      notes: existsSync(notesPath) ? readFileSync(notesPath, 'utf8').trim() : '',
      rows: walker.rows,
    })
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}
