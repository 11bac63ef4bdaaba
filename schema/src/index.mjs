// The schema documents by file name (the order gen and tests load them in).
import { k8sSchema } from './k8s.mjs';
import { meshConfigSchema } from './mesh-config.mjs';
import { valuesSchema } from './values.mjs';
import { istioOperatorSchema } from './istio-operator.mjs';
import { gatewayChartSchema } from './gateway-chart.mjs';

export const schemas = {
  'k8s.schema.json': k8sSchema,
  'mesh-config.schema.json': meshConfigSchema,
  'values.schema.json': valuesSchema,
  'istio-operator.schema.json': istioOperatorSchema,
  'gateway-chart.schema.json': gatewayChartSchema,
};
