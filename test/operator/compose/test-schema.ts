/**
 * A small three-file schema in the shape of schema/ (cross-file $refs, anyOf, enums, free maps),
 * so the --set tests do not depend on how complete the real schema is at any moment.
 */
import { SchemaIndex } from '../../../src/operator/compose/schema.js';

const root = {
  $id: 'root.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: { $ref: '#/definitions/Spec' },
  },
  definitions: {
    Spec: {
      type: 'object',
      additionalProperties: false,
      properties: {
        profile: { type: 'string' },
        hub: { type: 'string' },
        tag: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        revision: { type: 'string' },
        installPackagePath: { type: 'string' },
        components: {
          type: 'object',
          additionalProperties: false,
          properties: {
            pilot: { $ref: 'comp.json#/definitions/Comp' },
            ingressGateways: { type: 'array', items: { $ref: 'comp.json#/definitions/Gw' } },
          },
        },
        meshConfig: {
          type: 'object',
          additionalProperties: false,
          properties: {
            accessLogFile: { type: 'string' },
            trustDomainAliases: { type: 'array', items: { type: 'string' } },
            defaultConfig: {
              type: 'object',
              additionalProperties: false,
              properties: {
                concurrency: { type: 'integer' },
                proxyMetadata: { type: 'object', additionalProperties: { type: 'string' } },
              },
            },
          },
        },
        values: { $ref: 'values.json' },
        unvalidatedValues: { type: 'object' },
      },
    },
  },
};

const comp = {
  $id: 'comp.json',
  definitions: {
    Comp: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        k8s: {
          type: 'object',
          additionalProperties: false,
          properties: {
            replicaCount: { type: 'integer' },
            env: { type: 'array', items: { type: 'object' } },
            resources: { type: 'object' },
            hpaSpec: { type: 'object', properties: { minReplicas: { type: 'integer' } } },
          },
        },
      },
    },
    Gw: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { type: 'string' },
        enabled: { type: 'boolean' },
        label: { type: 'object', additionalProperties: { type: 'string' } },
        k8s: { $ref: '#/definitions/Comp/properties/k8s' },
      },
    },
  },
};

const values = {
  $id: 'values.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    global: {
      type: 'object',
      properties: {
        proxy: { type: 'object', properties: { privileged: { type: 'boolean' }, statusPort: { type: 'integer' }, excludeIPRanges: { type: 'string' } } },
        imagePullSecrets: { type: 'array', items: { type: 'string' } },
      },
    },
    pilot: {
      type: 'object',
      properties: {
        traceSampling: { type: 'number' },
        autoscaleEnabled: { type: 'boolean' },
        env: { type: 'object', additionalProperties: { type: 'string' } },
        nullable: { type: ['string', 'null'] },
      },
    },
    cni: { type: 'object', properties: { excludeNamespaces: { type: 'array', items: { type: 'string' } }, logLevel: { enum: ['info', 'debug'] } } },
    gateways: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: { ports: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' } } } } },
      },
    },
  },
};

export const TEST_SCHEMA = new SchemaIndex([root, comp, values], 'root.json');
