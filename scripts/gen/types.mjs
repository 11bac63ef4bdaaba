/** TypeScript types of the bundled schema, via json-schema-to-typescript. */
import { compile } from 'json-schema-to-typescript';

export async function generateTypes(schema, banner) {
  // jstt reads titles for type names; our annotations (x-*) are ignored by it.
  const ts = await compile(structuredClone(schema), 'IstioOperator', {
    bannerComment: banner,
    // JSON Schema's own default: an object without additionalProperties is an open map.
    additionalProperties: true,
    declareExternallyReferenced: true,
    unreachableDefinitions: true,
    enableConstEnums: false,
    strictIndexSignatures: false,
    format: true,
    style: { singleQuote: true, printWidth: 140 },
    $refOptions: { resolve: { external: false, file: false, http: false } },
  });
  return ts;
}
