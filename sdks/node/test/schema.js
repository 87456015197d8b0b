'use strict';

// Validates API answers against openapi.yaml's schemas. Reads the dereferenced JSON bundle that
// `npm run bundle:openapi` (in sdks/) writes; just the JSON Schema keywords openapi.yaml uses.
const fs = require('node:fs');
const path = require('node:path');

const BUNDLE = path.join(__dirname, '..', '..', 'target', 'openapi.json');

function loadSpec() {
  if (!fs.existsSync(BUNDLE)) {
    throw new Error(`${BUNDLE} is missing: run 'npm run bundle:openapi' in sdks/ (sdks/test-all.sh does)`);
  }
  return JSON.parse(fs.readFileSync(BUNDLE, 'utf8'));
}

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** @returns a list of problems, empty when the value matches. */
function validate(schema, value, at = '$') {
  const problems = [];
  if (!schema || typeof schema !== 'object') return problems;
  if (schema.type) {
    const types = [].concat(schema.type);
    const t = typeOf(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) {
      return [`${at}: ${JSON.stringify(value)} is not ${types.join('|')}`];
    }
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} not in ${schema.enum}`);
  if (schema.allOf) schema.allOf.forEach((s) => problems.push(...validate(s, value, at)));
  for (const key of ['oneOf', 'anyOf']) {
    if (schema[key] && !schema[key].some((s) => validate(s, value, at).length === 0)) {
      problems.push(`${at}: matches none of ${key}`);
    }
  }
  if (typeOf(value) === 'object') {
    for (const name of schema.required ?? []) if (!(name in value)) problems.push(`${at}.${name}: required`);
    for (const [name, v] of Object.entries(value)) {
      if (schema.properties?.[name]) problems.push(...validate(schema.properties[name], v, `${at}.${name}`));
      else if (schema.additionalProperties === false) problems.push(`${at}.${name}: not allowed`);
      else if (typeof schema.additionalProperties === 'object') {
        problems.push(...validate(schema.additionalProperties, v, `${at}.${name}`));
      }
    }
  }
  if (typeOf(value) === 'array' && schema.items) {
    value.forEach((item, i) => problems.push(...validate(schema.items, item, `${at}[${i}]`)));
  }
  return problems;
}

/** The response schema of operationId for status (falling back to 'default'). */
function responseSchema(spec, operationId, status) {
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) {
      if (op?.operationId === operationId) {
        const response = op.responses[String(status)] ?? op.responses.default;
        if (!response) throw new Error(`${operationId} documents no ${status} answer`);
        return { response, schema: response.content?.['application/json']?.schema };
      }
    }
  }
  throw new Error(`no operation ${operationId} in openapi.yaml`);
}

/** Asserts that an answer (status, lower-cased headers, body) is one openapi.yaml documents. */
function assertDocumented(spec, operationId, status, headers, body) {
  const { response, schema } = responseSchema(spec, operationId, status);
  const problems = validate(schema, body);
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    if (header.required && headers[name.toLowerCase()] === undefined) problems.push(`header ${name}: required`);
  }
  if (!headers['x-request-id']) problems.push('header X-Request-Id: missing');
  if (problems.length) {
    throw new Error(`${operationId} ${status} does not match openapi.yaml:\n  ${problems.join('\n  ')}`);
  }
}

module.exports = { loadSpec, validate, assertDocumented, BUNDLE };
