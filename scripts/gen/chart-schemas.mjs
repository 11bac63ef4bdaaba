/**
 * Each chart's own part of the values schema: the top-level values properties whose `x-charts`
 * names the chart, with the definitions they use. The charts' values.schema.json files (issue 5)
 * are these. The root allows other keys, because istioctl hands the whole values tree to every
 * chart; below the root, unknown keys stay errors.
 */
export const CHARTS = ['base', 'istiod', 'istiod-remote', 'gateway', 'cni'];

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

/** `Map<chart, schemaObject>` from the bundled schema and the name of the Values definition. */
export function generateChartSchemas(bundle, valuesDefName) {
  const values = bundle.definitions[valuesDefName];
  if (!values) throw new Error(`bundled schema has no definition ${valuesDefName}`);
  const out = new Map();
  for (const chart of CHARTS) {
    const properties = {};
    for (const [name, prop] of Object.entries(values.properties ?? {})) {
      const charts = prop['x-charts'];
      if (Array.isArray(charts) && charts.includes(chart)) properties[name] = prop;
    }
    // Transitively used definitions, in the bundle's order.
    const used = new Set();
    let frontier = new Set();
    refsIn(properties, frontier);
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
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `${chart}.values.schema.json`,
      title: `Values of the ${chart} chart`,
      description: `The part of the IstioOperator values API (spec.values) that the ${chart} chart reads. Generated from schema/values.schema.json by scripts/gen; do not edit.`,
      type: 'object',
      properties,
      ...(Object.keys(definitions).length > 0 ? { definitions } : {}),
    };
    out.set(chart, stripAnnotations(schema));
  }
  return out;
}
