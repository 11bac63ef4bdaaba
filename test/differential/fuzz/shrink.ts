// Shrinks a template on which helm and our engine disagree: repeatedly tries one-step
// simplifications (drop a node, inline a block, drop a branch, replace an expression by a part
// of it or a literal, drop a pipeline stage, shorten text) and keeps the smallest variant on
// which the two still disagree. Each round's candidates are rendered by helm in one batch.
import type { Branch, Expr, Node, Template } from './ast.js';
import { printTemplate, sizeOf } from './ast.js';
import { helmBatch, type HelmOutcome, type HelmVersion } from './helm-batch.js';
import type { OurRenderer } from './ours.js';
import { sameOutcome } from './compare.js';

// ---------------------------------------------------------------- expression candidates

function exprCandidates(e: Expr): Expr[] {
  const out: Expr[] = [];
  switch (e.k) {
    case 'lit':
      if (e.text !== '""' && e.text.startsWith('"')) out.push({ k: 'lit', text: '""' });
      if (e.text !== '1' && /^-?[0-9]/.test(e.text)) out.push({ k: 'lit', text: '1' });
      break;
    case 'field':
      // Never down to a bare `.`/`$`: printing the whole render context is a different mismatch.
      if (e.path.length > 1 || (e.path.length === 1 && e.base.length > 1)) out.push({ ...e, path: e.path.slice(0, -1) });
      break;
    case 'call':
      out.push(...e.args);
      e.args.forEach((a, i) => {
        out.push({ ...e, args: e.args.filter((_, j) => j !== i) });
        for (const s of exprCandidates(a)) out.push({ ...e, args: e.args.map((x, j) => (j === i ? s : x)) });
      });
      break;
    case 'pipe': {
      out.push(e.first);
      if (e.stages.length === 1) out.push({ k: 'call', fn: e.stages[0].fn, args: [...e.stages[0].args, e.first] });
      else out.push({ ...e, stages: e.stages.slice(0, -1) });
      for (const s of exprCandidates(e.first)) out.push({ ...e, first: s });
      e.stages.forEach((st, i) =>
        st.args.forEach((a, j) => {
          for (const s of exprCandidates(a))
            out.push({ ...e, stages: e.stages.map((x, k) => (k === i ? { ...x, args: x.args.map((y, l) => (l === j ? s : y)) } : x)) });
        }),
      );
      break;
    }
    case 'paren':
      out.push(e.e);
      if (e.path.length) out.push({ ...e, path: [] });
      for (const s of exprCandidates(e.e)) out.push({ ...e, e: s });
      break;
  }
  return out;
}

// ---------------------------------------------------------------- node candidates

function listCandidates(ns: readonly Node[]): Node[][] {
  const out: Node[][] = [];
  ns.forEach((n, i) => {
    out.push([...ns.slice(0, i), ...ns.slice(i + 1)]);
    for (const r of nodeCandidates(n)) out.push([...ns.slice(0, i), ...r, ...ns.slice(i + 1)]);
  });
  return out;
}

function branchCandidates(bs: readonly Branch[]): Branch[][] {
  const out: Branch[][] = [];
  if (bs.length > 1) bs.forEach((_, i) => out.push(bs.filter((__, j) => j !== i)));
  bs.forEach((b, i) => {
    for (const c of exprCandidates(b.cond)) out.push(bs.map((x, j) => (j === i ? { ...x, cond: c } : x)));
    for (const body of listCandidates(b.body)) out.push(bs.map((x, j) => (j === i ? { ...x, body } : x)));
  });
  return out;
}

/** Replacements for one node (each a list of nodes that takes its place). */
function nodeCandidates(n: Node): Node[][] {
  const out: Node[][] = [];
  switch (n.k) {
    case 'text':
      if (n.s.length > 1) out.push([{ k: 'text', s: n.s.slice(0, Math.floor(n.s.length / 2)) }], [{ k: 'text', s: n.s.slice(1) }]);
      break;
    case 'out':
    case 'decl':
      if (n.t) out.push([{ ...n, t: 0 }]);
      for (const e of exprCandidates(n.e)) out.push([{ ...n, e }]);
      break;
    case 'if':
    case 'with':
      for (const b of n.branches) out.push([...b.body]);
      if (n.els) out.push([...n.els], [{ ...n, els: undefined }]);
      if (n.t) out.push([{ ...n, t: 0 }]);
      if (n.k === 'with' && n.v) out.push([{ ...n, v: undefined }]);
      for (const branches of branchCandidates(n.branches)) out.push([{ ...n, branches }]);
      if (n.els) for (const els of listCandidates(n.els)) out.push([{ ...n, els }]);
      break;
    case 'range':
      out.push([...n.body]);
      if (n.els) out.push([...n.els], [{ ...n, els: undefined }]);
      if (n.t) out.push([{ ...n, t: 0 }]);
      if (n.vars.length) out.push([{ ...n, vars: n.vars.slice(1) }]);
      for (const e of exprCandidates(n.e)) out.push([{ ...n, e }]);
      for (const body of listCandidates(n.body)) out.push([{ ...n, body }]);
      if (n.els) for (const els of listCandidates(n.els)) out.push([{ ...n, els }]);
      break;
    case 'comment':
      if (n.s) out.push([{ ...n, s: '' }]);
      break;
    case 'template':
      if (n.e) {
        out.push([{ ...n, e: undefined }]);
        for (const e of exprCandidates(n.e)) out.push([{ ...n, e }]);
      }
      break;
    default:
      break;
  }
  return out;
}

export function templateCandidates(t: Template): Template[] {
  const out: Template[] = [];
  t.defines.forEach((d, i) => {
    out.push({ ...t, defines: t.defines.filter((_, j) => j !== i) });
    for (const body of listCandidates(d.body)) out.push({ ...t, defines: t.defines.map((x, j) => (j === i ? { ...x, body } : x)) });
  });
  for (const body of listCandidates(t.body)) out.push({ ...t, body });
  return out.sort((a, b) => sizeOf(a) - sizeOf(b));
}

/** Candidate texts rendered together must not share define names: give each its own prefix. */
function renameDefines(text: string, j: number): string {
  return text.replace(/"f(\d+)-/g, (_m, n: string) => `"f${n}c${j}-`);
}

export interface ShrinkResult {
  readonly template: Template;
  readonly helm: HelmOutcome;
  readonly steps: number;
}

/** Shrinks `t` while helm (`version`) and `ours` still disagree on it. */
export async function shrinkTemplate(
  t: Template,
  version: HelmVersion,
  values: string,
  ours: OurRenderer,
  log?: (msg: string) => void,
  maxRounds = 60,
): Promise<ShrinkResult> {
  const check = async (ts: readonly Template[]): Promise<{ i: number; helm: HelmOutcome } | undefined> => {
    const texts = ts.map((x, j) => renameDefines(printTemplate(x), j));
    const helm = await helmBatch(version, texts.map((text) => ({ text })), { values, chunk: 40 });
    const mine = ours(version, texts.map((text, j) => ({ index: j, text })), values);
    for (let j = 0; j < ts.length; j++) if (!sameOutcome(helm[j], mine[j])) return { i: j, helm: helm[j] };
    return undefined;
  };
  const first = await check([t]);
  if (!first) return { template: t, helm: (await helmBatch(version, [{ text: printTemplate(t) }], { values }))[0], steps: 0 };
  let cur = t;
  let curHelm = first.helm;
  let steps = 0;
  for (let round = 0; round < maxRounds; round++) {
    const cands = templateCandidates(cur).slice(0, 200);
    if (cands.length === 0) break;
    const hit = await check(cands);
    if (!hit) break;
    cur = cands[hit.i];
    curHelm = hit.helm;
    steps++;
    log?.(`  shrink round ${round}: size ${sizeOf(cur)}`);
  }
  return { template: cur, helm: curHelm, steps };
}
