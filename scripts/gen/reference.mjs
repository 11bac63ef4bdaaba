/**
 * docs/reference.md: one table per object type of the bundled schema (the IstioOperator root,
 * then every definition in order). Inline nested objects are flattened into dotted rows.
 * The layout lives in templates/reference.md.hbs.
 */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

const MAX_INLINE_DEPTH = 8;

function anchor(name) {
  return name.toLowerCase().replace(/[^a-z0-9-]/g, '');
}

function cell(text) {
  return String(text).replace(/\r?\n+/g, ' ').replace(/\|/g, '\\|').trim();
}

function refName(ref) {
  const m = /^#\/definitions\/([^/]+)/.exec(ref);
  return m ? m[1].replace(/~1/g, '/').replace(/~0/g, '~') : ref === '#' ? 'IstioOperator' : ref;
}

function typeOf(s) {
  if (s === true || s === undefined) return 'any';
  if (s === false) return 'never';
  if (s.$ref) {
    const n = refName(s.$ref);
    return `[${n}](#${anchor(n)})`;
  }
  if (Array.isArray(s.allOf) && s.allOf.length === 1 && !s.type && !s.properties) return typeOf(s.allOf[0]);
  if (s.const !== undefined) return '`' + JSON.stringify(s.const) + '`';
  if (Array.isArray(s.enum)) return s.enum.map((v) => '`' + JSON.stringify(v) + '`').join(' or ');
  const alts = s.anyOf ?? s.oneOf;
  if (Array.isArray(alts)) return alts.map(typeOf).join(' or ');
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length === 0) return s.properties ? 'object' : 'any';
  return types
    .map((t) => {
      if (t === 'array') {
        const it = s.items && !Array.isArray(s.items) ? typeOf(s.items) : 'any';
        return `list of ${it}`;
      }
      if (t === 'object') {
        if (s.properties) return 'object';
        if (s.additionalProperties && typeof s.additionalProperties === 'object') return `map of ${typeOf(s.additionalProperties)}`;
        return 'map';
      }
      return t;
    })
    .join(' or ');
}

function rowsOf(schema, prefix, depth, rows) {
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const p = prop && typeof prop === 'object' ? prop : {};
    const path = prefix ? `${prefix}.${name}` : name;
    const notes = [];
    if (p.default !== undefined) notes.push('default `' + JSON.stringify(p.default) + '`');
    const dep = p['x-deprecated'];
    if (typeof dep === 'string' && /^nothing\b/.test(dep)) notes.push(`**deprecated**, no replacement${dep.replace(/^nothing:?/, ':')}`);
    else if (typeof dep === 'string') notes.push(`**deprecated**: use ${dep}`);
    else if (p['x-deprecated'] !== undefined || p.deprecated === true) notes.push('**deprecated**');
    if (Array.isArray(p['x-charts'])) notes.push(`charts: ${p['x-charts'].join(', ')}`);
    if (p.pattern) notes.push('pattern `' + p.pattern + '`');
    if (p.minimum !== undefined || p.maximum !== undefined) notes.push(`range [${p.minimum ?? ''}, ${p.maximum ?? ''}]`);
    rows.push({
      path: cell('`' + path + '`'),
      type: cell(typeOf(p)),
      description: cell([p.description ?? '', ...notes].filter(Boolean).join('. ').replace(/\.\. /g, '. ')),
    });
    if (!p.$ref && p.properties && depth < MAX_INLINE_DEPTH) rowsOf(p, path, depth + 1, rows);
    else if (!p.$ref && p.type === 'array' && p.items && p.items.properties && depth < MAX_INLINE_DEPTH) rowsOf(p.items, `${path}[]`, depth + 1, rows);
  }
  return rows;
}

export function generateReference(bundle, templatePath) {
  const template = Handlebars.compile(readFileSync(templatePath, 'utf8'), { noEscape: true, strict: true });
  const sections = [];
  const add = (name, s) => {
    sections.push({
      name,
      anchor: anchor(name),
      description: (s.description ?? '').trim(),
      hasRows: Object.keys(s.properties ?? {}).length > 0,
      rows: rowsOf(s, '', 0, []),
      shape: Object.keys(s.properties ?? {}).length > 0 ? '' : typeOf(s),
    });
  };
  add(bundle.title ?? 'IstioOperator', bundle);
  for (const [name, def] of Object.entries(bundle.definitions ?? {})) add(name, def);
  return template({ sections }).replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
