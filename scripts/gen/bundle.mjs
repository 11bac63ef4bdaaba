/**
 * Reads the schema files under schema/ and bundles them into ONE draft-07 schema whose refs are
 * all internal (`#/definitions/<Name>`), so ajv, json-schema-to-typescript, the chart-schema
 * splitter and the --set type lookup all see the same, self-contained document.
 *
 * Rules: the root file (istio-operator.schema.json) stays the root. The definitions of every
 * other file are moved into the root's `definitions` (a name already taken gets the file's
 * prefix, e.g. `ValuesGlobal`). A ref to another file's root (`values.schema.json`) points at a
 * definition named after that file's `title` (or its file name), created only when referenced.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT_FILE = 'istio-operator.schema.json';

/** Reads `schema/*.schema.json` in name order: `[{ file, schema }]`. */
export function readSchemaFiles(schemaDir) {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((file) => ({ file, schema: JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) }));
}

function pascal(file) {
  return file
    .replace(/\.schema\.json$/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

function decodeSegment(s) {
  return decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~');
}

function encodeSegment(s) {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Bundles the files (output of readSchemaFiles) into one schema. */
export function bundleSchemas(files) {
  return bundle(files).schema;
}

/**
 * Like bundleSchemas, also returning which definition holds each other file's root and which
 * file each bundled definition comes from:
 * `{ schema, fileRoots: Map<file, definitionName>, definitionFiles: Map<definitionName, file> }`.
 */
export function bundle(files) {
  const root = files.find((f) => f.file === ROOT_FILE);
  if (!root) throw new Error(`schema/${ROOT_FILE} is missing`);
  const ordered = [root, ...files.filter((f) => f !== root)];
  const byFile = new Map(ordered.map((f) => [f.file, f.schema]));

  // 1. Name every definition of every file in the bundle.
  const names = new Map(); // file -> Map(defName -> bundledName)
  const taken = new Set();
  for (const { file, schema } of ordered) {
    const m = new Map();
    for (const name of Object.keys(schema.definitions ?? {})) {
      let bundled = name;
      if (taken.has(bundled)) bundled = pascal(file) + name;
      let n = 2;
      while (taken.has(bundled)) bundled = `${pascal(file)}${name}${n++}`;
      taken.add(bundled);
      m.set(name, bundled);
    }
    names.set(file, m);
  }
  // 2. Names for other files' roots, allocated lazily when referenced.
  const rootNames = new Map();
  const rootNameOf = (file) => {
    let n = rootNames.get(file);
    if (n) return n;
    const schema = byFile.get(file);
    n = typeof schema.title === 'string' && /^[A-Za-z][A-Za-z0-9]*$/.test(schema.title) ? schema.title : pascal(file);
    if (taken.has(n)) n = `${pascal(file)}Root`;
    taken.add(n);
    rootNames.set(file, n);
    return n;
  };

  const mapRef = (fromFile, ref) => {
    const hash = ref.indexOf('#');
    const filePart = hash < 0 ? ref : ref.slice(0, hash);
    const pointer = hash < 0 ? '' : ref.slice(hash + 1);
    const file = filePart === '' ? fromFile : filePart.replace(/^\.\//, '');
    if (!byFile.has(file)) throw new Error(`${fromFile}: $ref ${JSON.stringify(ref)} names an unknown file`);
    const segs = pointer === '' || pointer === '/' ? [] : pointer.slice(1).split('/').map(decodeSegment);
    if (segs[0] === 'definitions' && segs.length >= 2) {
      const bundled = names.get(file).get(segs[1]);
      if (!bundled) throw new Error(`${fromFile}: $ref ${JSON.stringify(ref)}: no definition ${segs[1]} in ${file}`);
      return '#' + ['', 'definitions', bundled, ...segs.slice(2)].map(encodeSegment).join('/');
    }
    if (file === ROOT_FILE) return '#' + (segs.length ? '/' + segs.map(encodeSegment).join('/') : '');
    return '#' + ['', 'definitions', rootNameOf(file), ...segs].map(encodeSegment).join('/');
  };

  const rewrite = (node, file) => {
    if (Array.isArray(node)) return node.map((n) => rewrite(n, file));
    if (node === null || typeof node !== 'object') return node;
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out[k] = mapRef(file, v);
      else if (k === '$id' || k === '$schema') continue;
      else if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples') out[k] = v;
      else out[k] = rewrite(v, file);
    }
    return out;
  };

  // 3. Rewrite everything; roots of other files become definitions when referenced (which is
  // only known once every file has been rewritten).
  for (const { file, schema } of ordered) rewrite(schema, file); // discovers every referenced file root
  const perFile = ordered.map(({ file, schema }) => ({
    file,
    schema,
    defs: Object.entries(schema.definitions ?? {}).map(([name, def]) => [names.get(file).get(name), rewrite(def, file)]),
  }));
  const rootBody = rewrite(root.schema, ROOT_FILE);
  delete rootBody.definitions;
  const definitions = {};
  const definitionFiles = new Map();
  for (const { file, schema, defs } of perFile) {
    if (file !== ROOT_FILE && rootNames.has(file)) {
      const body = rewrite(schema, file);
      delete body.definitions;
      definitions[rootNames.get(file)] = body;
      definitionFiles.set(rootNames.get(file), file);
    }
    for (const [n, d] of defs) {
      definitions[n] = d;
      definitionFiles.set(n, file);
    }
  }
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: ROOT_FILE,
    ...rootBody,
    definitions,
  };
  return { schema, fileRoots: new Map(rootNames), definitionFiles };
}
