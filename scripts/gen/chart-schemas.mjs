/**
 * Each chart's values schema (charts/<chart>/values.schema.json), cut out of the bundled schema:
 *
 * - base, istiod, istiod-remote, cni: the top-level properties of the values API (spec.values)
 *   whose `x-charts` names the chart, with the definitions they use. The root allows other keys,
 *   because istioctl hands the whole values tree to every chart; below the root, unknown keys
 *   stay errors.
 * - gateway: its own 1.12-style values (definition GatewayChartValues, from
 *   schema/src/gateway-chart.mjs); the root is that definition, closed.
 *
 * `x-` annotations are dropped (helm's validators do not know them); everything else is kept.
 */
export const CHARTS = ['base', 'istiod', 'istiod-remote', 'gateway', 'cni'];

/** The definition that is the gateway chart's whole values schema. */
export const GATEWAY_ROOT = 'GatewayChartValues';

const SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';

function stripAnnotations(node) {
  if (Array.isArray(node)) return node.map(stripAnnotations);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('x-')) continue;
    out[k] = k === 'enum' || k === 'const' || k === 'default' || k === 'examples' ? v : stripAnnotations(v);
  }
  return out;
}

function refsIn(node, acc) {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, acc));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') {
        const m = /^#\/definitions\/([^/]+)/.exec(v);
        if (m) acc.add(m[1].replace(/~1/g, '/').replace(/~0/g, '~'));
      } else if (k !== 'enum' && k !== 'const' && k !== 'default' && k !== 'examples') refsIn(v, acc);
    }
  }
}

/** The definitions `node` uses, transitively, in the bundle's order. */
function usedDefinitions(bundle, node, chart) {
  const used = new Set();
  let frontier = new Set();
  refsIn(node, frontier);
  while (frontier.size > 0) {
    const next = new Set();
    for (const name of frontier) {
      if (used.has(name)) continue;
      used.add(name);
      if (!bundle.definitions[name]) throw new Error(`chart ${chart}: missing definition ${name}`);
      refsIn(bundle.definitions[name], next);
    }
    frontier = next;
  }
  const definitions = {};
  for (const name of Object.keys(bundle.definitions)) if (used.has(name)) definitions[name] = bundle.definitions[name];
  return definitions;
}

function valuesSubset(bundle, values, chart) {
  const properties = {};
  for (const [name, prop] of Object.entries(values.properties ?? {})) {
    const charts = prop['x-charts'];
    if (Array.isArray(charts) && charts.includes(chart)) properties[name] = prop;
  }
  const definitions = usedDefinitions(bundle, properties, chart);
  return {
    $schema: SCHEMA_DRAFT,
    title: `Values of the ${chart} chart`,
    description: `The part of the Istio 1.11 values API (IstioOperator spec.values) that the ${chart} chart reads. Other top-level keys are accepted (istioctl hands every chart the whole values tree). Generated from schema/ by \`npm run gen\`; do not edit.`,
    type: 'object',
    properties,
    ...(Object.keys(definitions).length > 0 ? { definitions } : {}),
  };
}

function gatewaySchema(bundle) {
  const root = bundle.definitions[GATEWAY_ROOT];
  // The root's own definition is not repeated under definitions unless something refers back to it.
  const { title: _title, description, ...rest } = root;
  const definitions = usedDefinitions(bundle, rest, 'gateway');
  return {
    $schema: SCHEMA_DRAFT,
    title: 'Values of the gateway chart',
    description: `${description ?? ''} Generated from schema/ by \`npm run gen\`; do not edit.`.trim(),
    ...rest,
    ...(Object.keys(definitions).length > 0 ? { definitions } : {}),
  };
}

/**
 * `Map<chart, schemaObject>` from the bundled schema and the name of the Values definition, for
 * the charts in `charts` (default all). The gateway chart is left out while the bundle has no
 * GatewayChartValues definition.
 */
export function generateChartSchemas(bundle, valuesDefName, charts = CHARTS) {
  const values = bundle.definitions[valuesDefName];
  if (!values) throw new Error(`bundled schema has no definition ${valuesDefName}`);
  const out = new Map();
  for (const chart of charts) {
    if (chart === 'gateway') {
      if (bundle.definitions[GATEWAY_ROOT]) out.set(chart, stripAnnotations(gatewaySchema(bundle)));
      continue;
    }
    out.set(chart, stripAnnotations(valuesSubset(bundle, values, chart)));
  }
  return out;
}
