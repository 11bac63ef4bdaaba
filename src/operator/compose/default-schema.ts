/** The IstioOperator schema that `--set` reads its types from: the bundle `npm run gen` makes of schema/. */
import { istioOperatorSchema } from '../../generated/istio-operator-schema.js';
import { SchemaIndex } from './schema.js';

let index: SchemaIndex | undefined;

export function defaultSchemaIndex(): SchemaIndex {
  index ??= new SchemaIndex([istioOperatorSchema], String(istioOperatorSchema['$id'] ?? 'istio-operator.schema.json'));
  return index;
}
