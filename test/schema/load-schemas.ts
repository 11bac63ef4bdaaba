/**
 * Test helper: the four committed schema files, and an ajv instance (draft-07, strict, with the
 * schema's own `x-` keywords) that has them all added.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';

export const SCHEMA_FILES = ['k8s.schema.json', 'mesh-config.schema.json', 'values.schema.json', 'istio-operator.schema.json'] as const;
export type SchemaFile = (typeof SCHEMA_FILES)[number];

export type JsonSchema = { [key: string]: unknown };

export const schemaDir = fileURLToPath(new URL('../../schema/', import.meta.url));

export function readSchema(file: SchemaFile): JsonSchema {
  return JSON.parse(readFileSync(`${schemaDir}${file}`, 'utf8')) as JsonSchema;
}

export function loadAll(): Record<SchemaFile, JsonSchema> {
  const out = {} as Record<SchemaFile, JsonSchema>;
  for (const f of SCHEMA_FILES) out[f] = readSchema(f);
  return out;
}

export function makeAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, keywords: ['x-charts', 'x-deprecated'] });
  for (const schema of Object.values(loadAll())) ajv.addSchema(schema);
  return ajv;
}
