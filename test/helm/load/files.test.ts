import { describe, expect, it } from 'vitest';
import type { Compat } from '../../../src/gotemplate/template.js';
import type { Chart, ChartLoadResult } from '../../../src/helm/load/chart.js';
import { chartCrds, loadChartFromFiles } from '../../../src/helm/load/index.js';
import { CHART_YAML, tgz } from './tarball.js';

type Files = Record<string, string | Uint8Array>;

function load(files: Files, compat: Compat = 'helm4'): ChartLoadResult {
  return loadChartFromFiles(Object.entries(files), { compat });
}
function ok(files: Files, compat: Compat = 'helm4'): Chart {
  const r = load(files, compat);
  if (!r.ok) throw new Error('unexpected load error: ' + r.error.message);
  return r.chart;
}
function err(files: Files, compat: Compat = 'helm4'): string {
  const r = load(files, compat);
  if (r.ok) throw new Error('expected a load error');
  return r.error.message;
}
const names = (fs: readonly { name: string }[]): string[] => fs.map((f) => f.name);
const dec = new TextDecoder();

describe('classification (measured: the .Files keys and rendered templates helm shows)', () => {
  const chart = ok({
    'Chart.yaml': CHART_YAML,
    'values.yaml': 'k: 1\n',
    'values.schema.json': '{}',
    'Chart.lock': 'dependencies: []\ndigest: x\ngenerated: "2020-01-01T00:00:00Z"\n',
    'templates/files.yaml': 'x',
    'templates/sub/s.yaml': 'a: 1',
    'templates/.hid/h.yaml': 'b: 1',
    'templates/.x.yaml': 'c: 1',
    'templates/x.txt': 'd: 1',
    'templates/_helpers.tpl': '',
    'crds/c.yaml': 'kind: CustomResourceDefinition',
    'crds/notes.txt': 'n',
    'crds/sub/D.YAML': 'kind: CustomResourceDefinition',
    'files/deep/a.txt': 'hi',
    'README.md': 'r',
    '.hiddenfile': 'x',
    'files/bom.txt': '\ufeffbom',
    '.helmignore': '# ignore\n*.md\n',
    'charts/kid/Chart.yaml': 'apiVersion: v2\nname: kid\nversion: 0.1.0\n',
    'charts/kid/templates/k.yaml': 'kid: 1',
    'charts/kid.prov': 'junk',
    'charts/_hidden/Chart.yaml': 'apiVersion: v2\nname: hidden\nversion: 0.1.0\n',
    'charts/.dot/Chart.yaml': 'nonsense',
  });
  it('takes out Chart.yaml, values, schema, lock, templates and charts', () => {
    expect(chart.metadata).toMatchObject({ apiVersion: 'v2', name: 'c', version: '0.1.0' });
    expect(chart.valuesText).toBe('k: 1\n');
    expect(chart.schemaText).toBe('{}');
    expect(chart.lock).toMatchObject({ digest: 'x', generated: '2020-01-01T00:00:00Z' });
  });
  it('templates: subfolders kept, templates/.?* ignored by the default rule', () => {
    expect(names(chart.templates)).toEqual(['templates/_helpers.tpl', 'templates/files.yaml', 'templates/sub/s.yaml', 'templates/x.txt']);
  });
  it('.Files: everything else, .helmignore applied, .prov of charts/ kept', () => {
    expect(names(chart.files)).toEqual(['.helmignore', '.hiddenfile', 'charts/kid.prov', 'crds/c.yaml', 'crds/notes.txt', 'crds/sub/D.YAML', 'files/bom.txt', 'files/deep/a.txt']);
  });
  it('strips a UTF-8 BOM from every file', () => {
    expect(dec.decode(chart.files.find((f) => f.name === 'files/bom.txt')?.data)).toBe('bom');
  });
  it('subcharts: folders not starting with _ or .', () => {
    expect(chart.dependencies.map((d) => d.metadata.name)).toEqual(['kid']);
    expect(names(chart.dependencies[0].templates)).toEqual(['templates/k.yaml']);
  });
  it('chartCrds: crds/** files with a .yaml/.yml/.json extension in any case (measured)', () => {
    expect(names(chartCrds(chart))).toEqual(['crds/c.yaml', 'crds/sub/D.YAML']);
  });
});

describe('Chart.yaml validation (messages measured on helm 3.17.3 and 4.1.4)', () => {
  const both: [string, string, string][] = [
    ['missing name', 'apiVersion: v2\nversion: 0.1.0\n', 'validation: chart.metadata.name is required'],
    ['missing version', 'apiVersion: v2\nname: v\n', 'validation: chart.metadata.version is required'],
    ['empty Chart.yaml', '', 'validation: chart.metadata.name is required'],
    ['bad version', 'apiVersion: v2\nname: v\nversion: abc\n', 'validation: chart.metadata.version "abc" is invalid'],
    ['four-part version', 'apiVersion: v2\nname: v\nversion: "1.2.3.4"\n', 'validation: chart.metadata.version "1.2.3.4" is invalid'],
    ['leading zero prerelease', 'apiVersion: v2\nname: v\nversion: 1.2.3-01\n', 'validation: chart.metadata.version "1.2.3-01" is invalid'],
    ['uint64 overflow', 'apiVersion: v2\nname: v\nversion: "99999999999999999999.0.0"\n', 'validation: chart.metadata.version "99999999999999999999.0.0" is invalid'],
    ['bad type', 'apiVersion: v2\nname: v\nversion: 0.1.0\ntype: foo\n', 'validation: chart.metadata.type must be application or library'],
    ['name with slash', 'apiVersion: v2\nname: a/b\nversion: 0.1.0\n', 'validation: chart.metadata.name "a/b" is invalid'],
    ['bad alias', 'apiVersion: v2\nname: v\nversion: 0.1.0\ndependencies:\n- name: x\n  alias: a.b\n', 'validation: dependency "x" has disallowed characters in the alias'],
    ['duplicate dependency', 'apiVersion: v2\nname: v\nversion: 0.1.0\ndependencies:\n- name: x\n- name: x\n', 'validation: more than one dependency with name or alias "x"'],
    ['null dependency', 'apiVersion: v2\nname: v\nversion: 0.1.0\ndependencies:\n-\n', 'validation: dependencies must not contain empty or null nodes'],
    ['null maintainer', 'apiVersion: v2\nname: v\nversion: 0.1.0\nmaintainers:\n-\n', 'validation: maintainers must not contain empty or null nodes'],
    ['yaml syntax', 'apiVersion: v2\nname: v\nversion: 0.1.0\n: bad\n', 'cannot load Chart.yaml: error converting YAML to JSON: yaml: line 3: did not find expected key'],
    ['list for string', 'apiVersion: v2\nname: v\nversion: [1]\n', 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field Metadata.version of type string'],
    ['string for list', 'apiVersion: v2\nname: v\nversion: 0.1.0\nkeywords: a\n', 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field Metadata.keywords of type []string'],
    ['first error in key order', 'apiVersion: v2\nname: v\nversion: [1]\nkeywords: a\n', 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field Metadata.keywords of type []string'],
    ['nested field', 'apiVersion: v2\nname: v\nversion: 0.1.0\ndependencies:\n- name: x\n  tags: a\n', 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field Dependency.dependencies.tags of type []string'],
    ['maintainer field', 'apiVersion: v2\nname: v\nversion: 0.1.0\nmaintainers: [{name: [1]}]\n', 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field Maintainer.maintainers.name of type string'],
    ['string for bool', 'apiVersion: v2\nname: v\nversion: 0.1.0\ndeprecated: "yes"\n', 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field Metadata.deprecated of type bool'],
    ['number for bool', 'apiVersion: v2\nname: v\nversion: 0.1.0\ndependencies:\n- name: x\n  enabled: 1\n', 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field Dependency.dependencies.enabled of type bool'],
    ['import-values not a list', 'apiVersion: v2\nname: v\nversion: 0.1.0\ndependencies:\n- name: x\n  import-values: 1\n', 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field Dependency.dependencies.import-values of type []interface {}'],
    ['annotation value', 'apiVersion: v2\nname: v\nversion: 0.1.0\nannotations: {a: [1]}\n', 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field Metadata.annotations of type string'],
    ['annotations list', 'apiVersion: v2\nname: v\nversion: 0.1.0\nannotations: [1]\n', 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field Metadata.annotations of type map[string]string'],
  ];
  for (const [what, yaml, msg] of both) {
    for (const compat of ['helm3', 'helm4'] as const) {
      it(`${what} (${compat})`, () => expect(err({ 'Chart.yaml': yaml }, compat)).toBe(msg));
    }
  }

  const differ: [string, Files, string | null, string | null][] = [
    ['apiVersion v3', { 'Chart.yaml': 'apiVersion: v3\nname: v\nversion: 0.1.0\n' }, null, null],
    ['apiVersion v9', { 'Chart.yaml': 'apiVersion: v9\nname: v\nversion: 0.1.0\n' }, null, 'unsupported chart version'],
    ['apiVersion as number', { 'Chart.yaml': 'apiVersion: 2\nname: v\nversion: 0.1.0\n' }, null, 'unsupported chart version'],
    ['unsupported version before values', { 'Chart.yaml': 'apiVersion: v9\nname: v\nversion: 0.1.0\n', 'values.yaml': 'a: [' }, 'cannot load values.yaml: error converting YAML to JSON: yaml: line 1: did not find expected node content', 'unsupported chart version'],
    ['name ..', { 'Chart.yaml': 'apiVersion: v2\nname: ..\nversion: 0.1.0\n' }, null, 'validation: chart.metadata.name ".." is not allowed'],
    ['name .', { 'Chart.yaml': 'apiVersion: v2\nname: .\nversion: 0.1.0\n' }, null, 'validation: chart.metadata.name "." is not allowed'],
    ['Chart.yaml a string', { 'Chart.yaml': 'x\n' }, 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type chart.Metadata', 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type loader.chartBase'],
    ['apiVersion a list', { 'Chart.yaml': 'apiVersion: [1]\nname: v\nversion: 0.1.0\n' }, 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field Metadata.apiVersion of type string', 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field chartBase.apiVersion of type string'],
    ['dependencies not a list', { 'Chart.yaml': 'apiVersion: v2\nname: v\nversion: 0.1.0\ndependencies: 3\n' }, 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field Metadata.dependencies of type []*chart.Dependency', 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field Metadata.dependencies of type []*v2.Dependency'],
    ['maintainer a string', { 'Chart.yaml': 'apiVersion: v2\nname: v\nversion: 0.1.0\nmaintainers: [a]\n' }, 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field Metadata.maintainers of type chart.Maintainer', 'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field Metadata.maintainers of type v2.Maintainer'],
    ['bad values.yaml', { 'Chart.yaml': CHART_YAML, 'values.yaml': 'a: [' }, 'cannot load values.yaml: error converting YAML to JSON: yaml: line 1: did not find expected node content', 'cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: did not find expected node content'],
    ['values.yaml a list', { 'Chart.yaml': CHART_YAML, 'values.yaml': '- 1\n' }, 'cannot load values.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}', 'cannot load values.yaml: cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['Chart.lock syntax', { 'Chart.yaml': CHART_YAML, 'Chart.lock': 'a: [' }, 'cannot load Chart.lock: error converting YAML to JSON: yaml: line 1: did not find expected node content', 'cannot load Chart.lock: error converting YAML to JSON: yaml: line 1: did not find expected node content'],
    ['Chart.lock type', { 'Chart.yaml': CHART_YAML, 'Chart.lock': 'dependencies: 3' }, 'cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field Lock.dependencies of type []*chart.Dependency', 'cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field Lock.dependencies of type []*v2.Dependency'],
    ['Chart.lock time not a string', { 'Chart.yaml': CHART_YAML, 'Chart.lock': 'generated: 5' }, 'cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: Time.UnmarshalJSON: input is not a JSON string', 'cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: Time.UnmarshalJSON: input is not a JSON string'],
    ['Chart.lock bad time', { 'Chart.yaml': CHART_YAML, 'Chart.lock': 'generated: x' }, 'cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"', 'cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"'],
    ['Chart.lock month out of range', { 'Chart.yaml': CHART_YAML, 'Chart.lock': 'generated: "2020-13-01T00:00:00Z"' }, 'cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: parsing time "2020-13-01T00:00:00Z": month out of range', 'cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: parsing time "2020-13-01T00:00:00Z": month out of range'],
    ['Chart.lock no zone', { 'Chart.yaml': CHART_YAML, 'Chart.lock': 'generated: "2020-01-01T00:00:00"' }, 'cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: parsing time "2020-01-01T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"', 'cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: parsing time "2020-01-01T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'],
    ['Chart.lock fractional seconds and offset', { 'Chart.yaml': CHART_YAML, 'Chart.lock': 'generated: "2020-01-01T00:00:00.5+02:00"' }, null, null],
    ['requirements.lock a string', { 'Chart.yaml': CHART_YAML, 'requirements.lock': 'x' }, 'cannot load requirements.lock: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type chart.Lock', 'cannot load requirements.lock: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type v2.Lock'],
    ['no Chart.yaml', { 'values.yaml': 'a: 1' }, 'Chart.yaml file is missing', 'Chart.yaml file is missing'],
  ];
  for (const [what, files, h3, h4] of differ) {
    it(`${what} (helm3)`, () => (h3 === null ? expect(load(files, 'helm3').ok).toBe(true) : expect(err(files, 'helm3')).toBe(h3)));
    it(`${what} (helm4)`, () => (h4 === null ? expect(load(files, 'helm4').ok).toBe(true) : expect(err(files, 'helm4')).toBe(h4)));
  }

  const accepted = ['1.0', '1', 'v1.2.3', '1.2', '01.2.3', '1.2.3-0a', '1.2.3+01', '18446744073709551615.0.0'];
  for (const v of accepted) {
    it(`accepts version ${v}`, () => expect(load({ 'Chart.yaml': `apiVersion: v2\nname: v\nversion: ${v}\n` }).ok).toBe(true));
  }
  for (const v of ['1.2.3-', '1.2.3+', '1.2.3-a..b', 'V1.2.3', '1.2.3-rc.01', '1.2.3.', '.1.2', '1.2.3-a_b', '1.-2.3', '1..3', '=1.2.3']) {
    it(`refuses version ${v}`, () => expect(err({ 'Chart.yaml': `apiVersion: v2\nname: v\nversion: "${v}"\n` })).toBe(`validation: chart.metadata.version "${v}" is invalid`));
  }
});

describe('Chart.yaml decoding', () => {
  it('matches field names case-insensitively, defaults apiVersion to v1, coerces numbers into strings', () => {
    const c = ok({ 'Chart.yaml': 'Name: v\nVERSION: 1.10\nappVersion: 2\nannotations: {a: 1, b: true}\nkeywords: [1, x]\n' });
    expect(c.metadata).toMatchObject({ apiVersion: 'v1', name: 'v', version: '1.1', appVersion: '2', keywords: ['1', 'x'] });
    expect({ ...c.metadata.annotations }).toEqual({ a: '1', b: 'true' });
  });
  it('sanitizes strings: control characters dropped, white space made spaces', () => {
    const c = ok({ 'Chart.yaml': 'apiVersion: v2\nname: "v\\x01w"\nversion: 0.1.0\ndescription: "a\\tb"\n' });
    expect(c.metadata.name).toBe('vw');
    expect(c.metadata.description).toBe('a b');
  });
  it('reads dependencies with condition, tags, alias, import-values', () => {
    const c = ok({
      'Chart.yaml':
        'apiVersion: v2\nname: p\nversion: 0.1.0\ndependencies:\n- name: kid\n  version: 1.0.0\n  condition: kid.enabled\n  tags: [a, b]\n  alias: k2\n  import-values:\n  - data\n  - child: x\n    parent: y\n  - 5\n',
    });
    expect(c.metadata.dependencies).toEqual([
      { name: 'kid', version: '1.0.0', condition: 'kid.enabled', tags: ['a', 'b'], alias: 'k2', importValues: ['data', { child: 'x', parent: 'true' }] }, // YAML 1.1: y is true; helm formats it with %v
    ]);
  });
  it('keeps a __proto__ annotation as data', () => {
    const c = ok({ 'Chart.yaml': 'apiVersion: v2\nname: v\nversion: 0.1.0\nannotations: {__proto__: x}\n' });
    expect(Object.getPrototypeOf({})).not.toHaveProperty('x');
    expect(c.metadata.annotations?.['__proto__']).toBe('x');
  });
});

describe('apiVersion v1 and requirements files', () => {
  const reqs = 'dependencies:\n- name: k\n  version: 1.0.0\n  alias: kk\n';
  const lock = 'dependencies:\n- name: k\n  version: 1.0.0\n';
  it('v1: dependencies from requirements.yaml, lock from requirements.lock, both kept in .Files', () => {
    const r = load({ 'Chart.yaml': 'apiVersion: v1\nname: p\nversion: 0.1.0\n', 'requirements.yaml': reqs, 'requirements.lock': lock });
    expect(r.ok && r.chart.metadata.dependencies).toEqual([{ name: 'k', version: '1.0.0', alias: 'kk' }]);
    expect(r.ok && names(r.chart.files)).toEqual(['requirements.lock', 'requirements.yaml']);
    expect(r.ok && r.chart.lock).toMatchObject({ dependencies: [{ name: 'k', version: '1.0.0' }] });
    expect(r.warnings).toEqual([]);
  });
  it('v2: requirements files are read, dropped from .Files, with helm warnings (lock first, in walk order)', () => {
    const files = { 'Chart.yaml': CHART_YAML, 'requirements.yaml': reqs, 'requirements.lock': lock };
    const r3 = load(files, 'helm3');
    expect(r3.ok && names(r3.chart.files)).toEqual([]);
    expect(r3.ok && r3.chart.metadata.dependencies?.length).toBe(1);
    expect(r3.warnings).toEqual([
      'load.go:138: Warning: Dependency locking is handled in Chart.lock since apiVersion "v2". We recommend migrating to Chart.lock.\n',
      'load.go:120: Warning: Dependencies are handled in Chart.yaml since apiVersion "v2". We recommend migrating dependencies to Chart.yaml.\n',
    ]);
    expect(load(files, 'helm4').warnings).toEqual([
      'level=INFO msg="Warning: Dependency locking is handled in Chart.lock since apiVersion \\"v2\\". We recommend migrating to Chart.lock."\n',
      'level=INFO msg="Warning: Dependencies are handled in Chart.yaml since apiVersion \\"v2\\". We recommend migrating dependencies to Chart.yaml."\n',
    ]);
  });
  it('requirements.yaml fields override Chart.yaml (same struct)', () => {
    const c = ok({ 'Chart.yaml': 'apiVersion: v1\nname: v\nversion: 0.1.0\n', 'requirements.yaml': 'name: other\n' });
    expect(c.metadata.name).toBe('other');
  });
  it('requirements.yaml errors name the file', () => {
    expect(err({ 'Chart.yaml': 'apiVersion: v1\nname: v\nversion: 0.1.0\n', 'requirements.yaml': 'dependencies: 1\n' }, 'helm3')).toBe(
      'cannot load requirements.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field Metadata.dependencies of type []*chart.Dependency',
    );
  });
});

describe('subcharts', () => {
  const kid = (v = '1.0.0'): string => `apiVersion: v2\nname: k\nversion: ${v}\n`;
  it('wraps subchart errors with the parent name, recursively', () => {
    expect(err({ 'Chart.yaml': CHART_YAML, 'charts/k/Chart.yaml': 'apiVersion: v2\nname: k\n' })).toBe(
      'error unpacking subchart k in c: validation: chart.metadata.version is required',
    );
    expect(
      err({ 'Chart.yaml': CHART_YAML, 'charts/k/Chart.yaml': kid(), 'charts/k/charts/j/Chart.yaml': 'apiVersion: v2\nname: j\n' }),
    ).toBe('error unpacking subchart k in c: error unpacking subchart j in k: validation: chart.metadata.version is required');
  });
  it('a stray file in charts/ is a subchart without Chart.yaml (helm fails)', () => {
    expect(err({ 'Chart.yaml': CHART_YAML, 'charts/readme.txt': 'x' })).toBe('error unpacking subchart readme.txt in c: Chart.yaml file is missing');
  });
  it('loads .tgz subcharts; its name comes from its Chart.yaml', () => {
    const archive = tgz([
      { name: 'k/Chart.yaml', data: 'apiVersion: v2\nname: kid\nversion: 0.1.0\n' },
      { name: 'k/templates/a.yaml', data: 'a: 1' },
    ]);
    const c = ok({ 'Chart.yaml': CHART_YAML, 'charts/k-0.1.0.tgz': archive });
    expect(c.dependencies.map((d) => d.metadata.name)).toEqual(['kid']);
    expect(names(c.dependencies[0].templates)).toEqual(['templates/a.yaml']);
  });
  it('a bad .tgz subchart is reported like helm', () => {
    expect(err({ 'Chart.yaml': CHART_YAML, 'charts/k.tgz': 'hello' })).toBe('error unpacking subchart k.tgz in c: unexpected EOF');
    expect(err({ 'Chart.yaml': CHART_YAML, 'charts/k.tgz/x': 'hello' })).toBe('error unpacking subchart tar in c: expected k.tgz, got k.tgz/x');
    const evil = tgz([{ name: 'k/Chart.yaml', data: kid() }, { name: 'k/../x', data: 'x' }]);
    expect(err({ 'Chart.yaml': CHART_YAML, 'charts/k.tgz': evil })).toBe('error unpacking subchart k.tgz in c: chart illegally references parent directory');
  });
  it('only the root .helmignore applies (to subchart folders too)', () => {
    const c = ok({
      'Chart.yaml': CHART_YAML,
      '.helmignore': '*.txt\n',
      'charts/k/Chart.yaml': kid(),
      'charts/k/.helmignore': '*.md\n',
      'charts/k/a.txt': 'x',
      'charts/k/b.md': 'x',
    });
    expect(names(c.dependencies[0].files)).toEqual(['.helmignore', 'b.md']);
  });
  it('bounds nesting depth', () => {
    const files: Files = { 'Chart.yaml': CHART_YAML };
    let prefix = '';
    for (let i = 0; i < 70; i++) {
      prefix += 'charts/k/';
      files[prefix + 'Chart.yaml'] = kid();
    }
    expect(err(files)).toMatch(/chart nesting is deeper than 64 levels$/);
  });
});

describe('in-memory names and limits', () => {
  it('refuses names that leave the chart or are absolute', () => {
    expect(err({ 'Chart.yaml': CHART_YAML, '../x': 'x' })).toBe('chart file name "../x" refers to the parent directory');
    expect(err({ 'Chart.yaml': CHART_YAML, 'files/../../x': 'x' })).toBe('chart file name "files/../../x" refers to the parent directory');
    expect(err({ 'Chart.yaml': CHART_YAML, '/etc/passwd': 'x' })).toBe('chart file name "/etc/passwd" is an absolute path');
    expect(err({ 'Chart.yaml': CHART_YAML, 'C:\\x': 'x' })).toBe('chart file name "C:\\\\x" is an absolute path');
  });
  it('normalizes ./ and backslashes', () => {
    const c = ok({ './Chart.yaml': CHART_YAML, 'templates\\a.yaml': 'a: 1' });
    expect(names(c.templates)).toEqual(['templates/a.yaml']);
  });
  it("applies helm's per-file limit (5 MiB) after .helmignore", () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    expect(err({ 'Chart.yaml': CHART_YAML, 'files/big.bin': big })).toBe('chart file "big.bin" is larger than the maximum file size 5242880');
    expect(load({ 'Chart.yaml': CHART_YAML, 'files/big.bin': big, '.helmignore': '*.bin' }).ok).toBe(true);
  });
  it('refuses a .helmignore with ** like helm', () => {
    expect(err({ 'Chart.yaml': CHART_YAML, '.helmignore': 'files/**' })).toBe('double-star (**) syntax is not supported');
  });
  it('a negated .helmignore rule hides Chart.yaml, as in helm', () => {
    expect(err({ 'Chart.yaml': CHART_YAML, '.helmignore': '*.txt\n!a.txt\n' })).toBe('Chart.yaml file is missing');
  });
});
