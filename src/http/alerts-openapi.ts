import { DEPT_KINDS } from '../domain/policy.js';

/** The department alerts API, as OpenAPI 3. */
export const OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: '守望 Shouwang 部门预警接口',
    version: '1.0.0',
    description: 'Departments push warning lists (预警名单). Idempotent by external_id per department.',
  },
  components: {
    securitySchemes: {
      deptKey: {
        type: 'http',
        scheme: 'bearer',
        description: 'Department key from `npm run cli -- dept-key create <department>`',
      },
    },
    schemas: {
      Alert: {
        type: 'object',
        required: ['external_id', 'kind'],
        description: 'Identify the household by household_id, id_number, phone, or name + village.',
        properties: {
          external_id: { type: 'string', maxLength: 128, description: "The department's own id; a repeat is ignored" },
          kind: { type: 'string', enum: [...DEPT_KINDS] },
          household_id: { type: 'string' },
          id_number: { type: 'string', description: '18-character resident ID number' },
          phone: { type: 'string' },
          name: { type: 'string' },
          village: { type: 'string' },
          description: { type: 'string', maxLength: 2000 },
          occurred_at: { type: 'string', format: 'date-time' },
          amount_yuan: { type: 'number', description: 'e.g. self-paid medical cost' },
        },
      },
      Result: {
        type: 'object',
        properties: {
          received: { type: 'integer' },
          accepted: { type: 'integer' },
          duplicate: { type: 'integer' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              properties: { index: { type: 'integer' }, row: { type: 'integer' }, reason: { type: 'string' } },
            },
          },
        },
      },
    },
  },
  paths: {
    '/api/v1/alerts': {
      post: {
        summary: 'Submit alerts (up to 100,000 per request)',
        security: [{ deptKey: [] }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['alerts'],
                properties: { alerts: { type: 'array', items: { $ref: '#/components/schemas/Alert' } } },
              },
            },
            'text/csv': { schema: { type: 'string', description: 'Header row with the Alert field names' } },
          },
        },
        responses: {
          '200': {
            description: 'Counts and per-row errors (a bad row never blocks good ones)',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Result' } } },
          },
          '400': { description: 'Body is not JSON {alerts:[...]} or CSV' },
          '401': { description: 'Missing or unknown department key' },
          '413': { description: 'Body or row count too large' },
        },
      },
    },
  },
} as const;
