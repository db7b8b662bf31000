// Checks a JSON value against an OpenAPI 3.0 schema (the subset authentik's schema uses): $ref, allOf, type,
// properties, required, additionalProperties, items, enum, nullable, format (uuid, date-time), pattern, maxLength.

import type { Yaml } from './yaml-subset.js';

type Schema = { [key: string]: Yaml };

/**
 * Where the real server is looser than its schema (API-NOTES "The schema is stricter than the server"),
 * as `<Component>.<property>`: the property may be null, or may be missing.
 */
export interface Leniency {
  nullable?: string[];
  optional?: string[];
  /** the property may hold any value (the schema's type is wrong, e.g. a boolean in a map of strings) */
  any?: string[];
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Schema>>;
  components: { schemas: Record<string, Schema>; responses?: Record<string, Schema> };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

export class SchemaChecker {
  constructor(
    private readonly doc: OpenApiDoc,
    private readonly leniency: Leniency = {},
  ) {}

  private resolve(ref: string): { name: string; schema: Schema } {
    const name = ref.split('/').at(-1) ?? '';
    const schema = this.doc.components.schemas[name];
    if (!ref.startsWith('#/components/schemas/') || !schema) throw new Error(`unresolvable $ref ${ref}`);
    return { name, schema };
  }

  /** The JSON schema of a documented response (following `#/components/responses/...`). */
  responseSchema(pathTemplate: string, method: string, status: number): Schema {
    const responses = this.doc.paths[pathTemplate]?.[method.toLowerCase()]?.responses as Schema | undefined;
    let entry = responses?.[String(status)] as Schema | undefined;
    if (typeof entry?.$ref === 'string') entry = this.doc.components.responses?.[entry.$ref.split('/').at(-1) ?? ''];
    const schema = ((entry?.content as Schema | undefined)?.['application/json'] as Schema | undefined)?.schema;
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
      throw new Error(`the schema documents no JSON body for ${method} ${pathTemplate} ${status}`);
    }
    return schema as Schema;
  }

  /** Every way `value` breaks `schema`, as `<json path>: <problem>` lines (empty: valid). */
  check(value: unknown, schema: Schema, path = '$', component = ''): string[] {
    if (typeof schema.$ref === 'string') {
      const { name, schema: target } = this.resolve(schema.$ref);
      return this.check(value, target, path, name);
    }
    if (value === null) {
      // `{}` (any value) admits null; a typed schema only when nullable.
      const typed = schema.type !== undefined || schema.allOf !== undefined || schema.enum !== undefined;
      return schema.nullable === true || !typed ? [] : [`${path}: null is not allowed`];
    }
    const errors: string[] = [];
    if (Array.isArray(schema.allOf)) {
      for (const part of schema.allOf) errors.push(...this.check(value, part as Schema, path, component));
    }
    if (Array.isArray(schema.enum) && !schema.enum.includes(value as Yaml)) {
      errors.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
    }
    switch (schema.type) {
      case 'object':
        errors.push(...this.checkObject(value, schema, path, component));
        break;
      case 'array':
        if (!Array.isArray(value)) return [...errors, `${path}: expected an array`];
        value.forEach((item, i) => errors.push(...this.check(item, schema.items as Schema, `${path}[${i}]`, component)));
        break;
      case 'string':
        if (typeof value !== 'string') return [...errors, `${path}: expected a string, got ${JSON.stringify(value)}`];
        if (schema.format === 'uuid' && !UUID.test(value)) errors.push(`${path}: not a uuid: ${value}`);
        if (schema.format === 'date-time' && !DATE_TIME.test(value)) errors.push(`${path}: not a date-time: ${value}`);
        if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
        if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
        break;
      case 'integer':
        if (!Number.isInteger(value)) errors.push(`${path}: expected an integer`);
        break;
      case 'number':
        if (typeof value !== 'number') errors.push(`${path}: expected a number`);
        break;
      case 'boolean':
        if (typeof value !== 'boolean') errors.push(`${path}: expected a boolean`);
        break;
    }
    return errors;
  }

  private checkObject(value: unknown, schema: Schema, path: string, component: string): string[] {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected an object`];
    const record = value as Record<string, unknown>;
    const errors: string[] = [];
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) {
      if (!(key in record) && !this.leniency.optional?.includes(`${component}.${key}`)) errors.push(`${path}: missing ${key}`);
    }
    for (const [key, item] of Object.entries(record)) {
      const property = properties[key];
      if (property) {
        if (item === null && this.leniency.nullable?.includes(`${component}.${key}`)) continue;
        if (this.leniency.any?.includes(`${component}.${key}`)) continue;
        errors.push(...this.check(item, property, `${path}.${key}`, component));
      } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        errors.push(...this.check(item, schema.additionalProperties as Schema, `${path}.${key}`, component));
      }
      // Other unknown properties pass: newer servers add fields every release.
    }
    return errors;
  }
}
