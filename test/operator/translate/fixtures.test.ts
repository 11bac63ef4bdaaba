/**
 * Every IstioOperator fixture of test/fixtures/iop translates without errors and every plan's
 * values pass its chart's schema (the chart renders with exactly those values).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeIstioOperator } from '../../../src/operator/compose/index.js';
import { safeValidateIstioOperator } from '../../../src/operator/validate/index.js';
import { translate } from '../../../src/operator/translate/index.js';
import { ROOT, renderPlan } from './helpers.js';

const DIR = join(ROOT, 'test', 'fixtures', 'iop');
const FILES = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort() : [];

describe('fixtures', () => {
  it('there are fixtures to check', () => {
    expect(FILES.length).toBeGreaterThan(20);
  });

  for (const file of FILES) {
    it(file, () => {
      const c = composeIstioOperator({ files: [{ name: file, text: readFileSync(join(DIR, file), 'utf8') }] });
      if (!c.ok) throw new Error(JSON.stringify(c.issues));
      const v = safeValidateIstioOperator(c.value, { sourceMap: c.sourceMap });
      if (!v.success) throw new Error(JSON.stringify(v.issues));
      const t = translate(v.data);
      expect(t.ok ? [] : t.issues).toEqual([]);
      if (!t.ok) return;
      expect(t.warnings).toEqual([]);
      for (const p of t.plans) {
        const r = renderPlan(p);
        expect(r.ok ? '' : r.error, `${p.component} ${p.gatewayName ?? ''}`).toBe('');
      }
    });
  }
});
