/**
 * `npm run bench -- api`: the IstioOperator API in-process, warm: compose the demo profile with
 * two -f files and five --set flags (YAML parsing of the files included), then validate the
 * result (schema + semantic rules). Target: median under 5 ms.
 */
import { composeIstioOperator } from '../src/operator/compose/compose.js';
import { safeValidateIstioOperator } from '../src/operator/validate/index.js';
import { fmtMs, median } from './stats.js';

const FILE_A = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: bench
spec:
  hub: registry.example.com/istio
  meshConfig:
    accessLogEncoding: JSON
    defaultConfig:
      proxyMetadata:
        ISTIO_META_DNS_CAPTURE: "true"
  components:
    ingressGateways:
      - name: istio-ingressgateway
        k8s:
          hpaSpec:
            minReplicas: 2
            maxReplicas: 5
      - name: internal-gateway
        enabled: true
        label:
          istio: internal-gateway
        k8s:
          serviceAnnotations:
            networking.gke.io/load-balancer-type: Internal
  values:
    global:
      proxy:
        logLevel: info
`;

const FILE_B = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  components:
    pilot:
      k8s:
        env:
          - name: PILOT_TRACE_SAMPLING
            value: "10"
        resources:
          requests:
            cpu: 500m
            memory: 2Gi
  values:
    pilot:
      autoscaleMin: 2
    gateways:
      istio-ingressgateway:
        ports:
          - name: http2
            port: 80
            targetPort: 8080
`;

const SET = [
  'tag=1.11.8',
  'values.global.proxy.privileged=false',
  'components.ingressGateways[name:istio-ingressgateway].k8s.replicaCount=3',
  'meshConfig.defaultConfig.proxyMetadata.BOOTSTRAP_XDS_AGENT=true',
  'values.pilot.env.EXTERNAL_ISTIOD=false',
];

/** The bench input composed: the demo profile, two -f files, five --set flags. */
function composeInput(): ReturnType<typeof composeIstioOperator> {
  return composeIstioOperator({
    profile: 'demo',
    files: [
      { name: 'a.yaml', text: FILE_A },
      { name: 'b.yaml', text: FILE_B },
    ],
    set: SET,
  });
}

function once(): void {
  const r = composeInput();
  if (!r.ok) throw new Error(`bench input does not compose: ${r.issues.map((i) => i.message).join('; ')}`);
  const v = safeValidateIstioOperator(r.value, { sourceMap: r.sourceMap });
  if (!v.success) throw new Error(`bench input does not validate: ${v.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
}

function composeOnly(): void {
  composeInput();
}

function argRuns(args: readonly string[]): number {
  const i = args.indexOf('--runs');
  const n = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isInteger(n) && n > 0 ? n : 300;
}

/** Median wall and CPU milliseconds of `fn` (CPU time is steadier than wall time on a busy machine). */
function measure(fn: () => void, runs: number, warmup = 50): { wall: number; cpu: number } {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

export async function benchApi(args: readonly string[] = []): Promise<void> {
  const runs = argRuns(args);
  const composed = composeInput();
  if (!composed.ok) throw new Error('bench input does not compose');
  const rows: [string, { wall: number; cpu: number }][] = [
    ['compose (demo + 2 -f + 5 --set)', measure(composeOnly, runs)],
    ['validate the composed document', measure(() => void safeValidateIstioOperator(composed.value, { sourceMap: composed.sourceMap }), runs)],
    ['compose + validate', measure(once, runs)],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`api: in-process, warm, median of ${runs} runs (target: compose + validate < 5 ms)\n`);
  process.stdout.write(`  ${''.padEnd(w)}  ${'wall ms'.padStart(8)}  ${'cpu ms'.padStart(8)}\n`);
  for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(w)}  ${fmtMs(v.wall).padStart(8)}  ${fmtMs(v.cpu).padStart(8)}\n`);
}
