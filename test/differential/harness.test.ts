// The corpus harness's own pieces: corpus format checks, cutting helm's batched output apart,
// byte handling of Go strings and the readable byte dump used in mismatch reports.
import { describe, expect, it } from 'vitest';
import { batchChart, caseFile, cutBatch, failingFile, goStringBytes, parseCorpusFile, sentinels, showBytes } from './harness.js';

describe('corpus files', () => {
  it('give every case a numbered template file and default error to false', () => {
    const f = parseCorpusFile('x/y.yaml', "values: |\n  a: 1\ncases:\n  - name: one\n    t: '{{ 1 }}'\n  - name: two\n    t: x\n    error: true\n");
    expect(f.values).toBe('a: 1\n');
    expect(f.cases.map((c) => [c.name, c.file, c.error])).toEqual([
      ['one', 'templates/0001.yaml', false],
      ['two', 'templates/0002.yaml', true],
    ]);
  });

  it('reject duplicate names, unknown keys and non-string templates, naming the file', () => {
    expect(() => parseCorpusFile('d.yaml', 'cases:\n  - {name: a, t: x}\n  - {name: a, t: y}\n')).toThrow('corpus d.yaml: duplicate case name "a"');
    expect(() => parseCorpusFile('k.yaml', 'cases:\n  - {name: a, t: x, expect: y}\n')).toThrow('unknown key "expect"');
    expect(() => parseCorpusFile('t.yaml', 'cases:\n  - {name: a, t: 1}\n')).toThrow('"t" must be a string');
    expect(() => parseCorpusFile('n.yaml', 'cases:\n  - {name: "a b", t: x}\n')).toThrow('kebab-case');
    expect(() => parseCorpusFile('s.yaml', 'cases:\n  - {name: a, t: "\\uDC80"}\n')).toThrow('lone surrogate');
  });
});

describe('batched output', () => {
  it('wraps each case in its sentinels and adds the invalid-YAML file', () => {
    const f = parseCorpusFile('b.yaml', 'cases:\n  - {name: a, t: A}\n');
    const chart = batchChart(f, f.cases);
    const s = sentinels(caseFile(0));
    expect(chart.get('templates/0001.yaml')).toBe(`${s.begin}A${s.end}`);
    expect(chart.get('templates/zzzz-invalid.yaml')).toBe(': [\n');
  });

  it('is cut apart per case in any file order, keeping invalid UTF-8 bytes', () => {
    const f = parseCorpusFile('c.yaml', 'cases:\n  - {name: a, t: x}\n  - {name: b, t: y}\n');
    const [sa, sb] = [sentinels(caseFile(0)), sentinels(caseFile(1))];
    const raw = Buffer.concat([
      Buffer.from(`---\n# Source: corpus/templates/0002.yaml\n${sb.begin}`),
      Buffer.from([0x68, 0xc3]),
      Buffer.from(`${sb.end}\n---\n# Source: corpus/templates/0001.yaml\n${sa.begin}\n\n${sa.end}\n`),
    ]);
    const cut = cutBatch(raw, f.cases);
    expect(cut.get('a')).toEqual(Buffer.from('\n\n'));
    expect(cut.get('b')).toEqual(Buffer.from([0x68, 0xc3]));
  });

  it('finds the failing case file in helm error messages', () => {
    expect(failingFile('Error: parse error at (corpus/templates/0003.yaml:1): unclosed action')).toBe('templates/0003.yaml');
    expect(failingFile('Error: template: corpus/templates/0012.yaml:1:3: executing ...')).toBe('templates/0012.yaml');
  });
});

describe('bytes', () => {
  it('encode Go strings with escaped invalid bytes back to those bytes', () => {
    expect(goStringBytes('h\udcc3')).toEqual(Buffer.from([0x68, 0xc3]));
    expect(goStringBytes('é😀')).toEqual(Buffer.from('é😀', 'utf8'));
  });

  it('show invisible and invalid bytes escaped', () => {
    expect(showBytes(Buffer.from([0x61, 0x0a, 0x09, 0x00, 0xc3, 0x62]))).toBe('a⏎\n→\\x00\\xc3b');
    expect(showBytes(Buffer.from('é\u00a0', 'utf8'))).toBe('é\\u{a0}');
  });
});
