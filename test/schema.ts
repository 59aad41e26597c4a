/**
 * Validates manifests against the Kubernetes OpenAPI schema, strictly, with two maintained
 * sources and no schema of our own:
 * - `kubernetes-models` (ajv validators compiled from the Kubernetes OpenAPI spec): types,
 *   required fields, formats. It lets unknown fields through, so:
 * - the jsii type assembly of `cdk8s-plus-28` (its `k8s` module is generated from the
 *   Kubernetes 1.28 OpenAPI spec) gives every field each type has: any other field is an error.
 */
import * as fs from 'fs';

interface JsiiType { kind: string; datatype?: boolean; properties?: { name: string; type: JsiiTypeRef }[]; docs?: { custom?: { schema?: string } }; initializer?: { parameters?: { type: JsiiTypeRef }[] } }
interface JsiiTypeRef { fqn?: string; primitive?: string; collection?: { kind: 'array' | 'map'; elementtype: JsiiTypeRef }; union?: unknown }

const assembly = JSON.parse(fs.readFileSync(require.resolve('cdk8s-plus-28/.jsii'), 'utf8')) as { types: { [fqn: string]: JsiiType } };

/**
 * Each type's field names as the Kubernetes API spells them, from the L1 serializers of
 * cdk8s-plus-28 (`'clusterIP': obj.clusterIp` in `toJson_ServiceSpec`, `'downwardAPI':
 * toJson_DownwardApiVolumeSource(obj.downwardApi)` in `toJson_Volume`): type → jsii name → API name.
 */
const jsonNames = new Map<string, Map<string, string>>();
{
  const source = fs.readFileSync(require.resolve('cdk8s-plus-28/lib/imports/k8s.js'), 'utf8');
  for (const block of source.split(/\nfunction toJson_/).slice(1)) {
    const type = block.slice(0, block.indexOf('('));
    const names = new Map<string, string>();
    for (const m of block.slice(0, block.indexOf('\n}')).matchAll(/'([^']+)': (?:toJson_\w+\()?obj\.(\w+)/g)) names.set(m[2], m[1]);
    jsonNames.set(type, names);
  }
}

/** `io.k8s.api.core.v1.Pod` → the fqn of its props type (`cdk8s-plus-28.k8s.KubePodProps`). */
const propsBySchema = new Map<string, string>();
for (const type of Object.values(assembly.types)) {
  const schema = type.docs?.custom?.schema;
  const props = type.initializer?.parameters?.[2]?.type.fqn;
  if (type.kind === 'class' && schema && props) propsBySchema.set(schema, props);
}

/** The custom resources tests declare by their CRD, which kubernetes-models does not know: `apiVersion/kind` → schema. */
const customKinds = new Map<string, OpenApiSchema>();

/** A CRD's `openAPIV3Schema`, as far as the custom resources of the tests use it. */
interface OpenApiSchema { type?: string; properties?: { [name: string]: OpenApiSchema }; items?: OpenApiSchema }

/** Makes the objects of a CustomResourceDefinition's kinds (each served version) valid by its own schema. */
export function declareCustomResource(crd: any): void {
  for (const version of crd.spec.versions) customKinds.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, version.schema.openAPIV3Schema);
}

function openApiErrors(value: any, schema: OpenApiSchema, at: string): string[] {
  const types: { [t: string]: (v: any) => boolean } = {
    object: v => v !== null && typeof v === 'object' && !Array.isArray(v), array: Array.isArray, string: v => typeof v === 'string',
    integer: Number.isInteger, number: v => typeof v === 'number', boolean: v => typeof v === 'boolean',
  };
  if (schema.type !== undefined && !types[schema.type]?.(value)) return [`${at}: expected ${schema.type}`];
  if (schema.type === 'array' && schema.items) return value.flatMap((v: any, i: number) => openApiErrors(v, schema.items!, `${at}[${i}]`));
  if (schema.type !== 'object' || schema.properties === undefined) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    if (at === '' && ['apiVersion', 'kind', 'metadata'].includes(k)) return [];
    const field = schema.properties![k];
    return field === undefined ? [`${at}${at ? '.' : ''}${k}: unknown field`] : openApiErrors(v, field, `${at}${at ? '.' : ''}${k}`);
  });
}

/** Every problem of one manifest: one line each, `path: message`. Empty when valid. */
export function schemaErrors(manifest: any): string[] {
  const custom = customKinds.get(`${manifest?.apiVersion}/${manifest?.kind}`);
  if (custom !== undefined) return openApiErrors(manifest, custom, '');
  const errors: string[] = [];
  const apiVersion: string = manifest?.apiVersion;
  const kind: string = manifest?.kind;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return ['apiVersion and kind: required'];
  if (apiVersion.startsWith('gateway.networking.k8s.io/')) return gatewayApiErrors(manifest);
  let model: any;
  try {
    // the model of a kind is found by name: a dynamic require
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    model = require(`kubernetes-models/${apiVersion}/${kind}`)[kind];
  } catch {
    return [`${apiVersion}/${kind}: no schema for this kind`];
  }
  try {
    new model(manifest).validate();
  } catch (e) {
    errors.push(...String((e as Error).message).split('\n'));
  }
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  const schemaName = `io.k8s.api.${group.replace(/\.k8s\.io$/, '')}.${version}.${kind}`;
  const props = propsBySchema.get(schemaName);
  if (!props) return [...errors, `${schemaName}: not in the Kubernetes 1.28 API`];
  const { apiVersion: _a, kind: _k, ...rest } = manifest;
  walk(rest, { fqn: props }, kind, errors);
  return errors;
}

function walk(value: unknown, ref: JsiiTypeRef, path: string, errors: string[]): void {
  if (value === undefined || value === null) return;
  if (ref.collection) {
    const entries = ref.collection.kind === 'array'
      ? (Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v] as const) : [])
      : (typeof value === 'object' ? Object.entries(value as object).map(([k, v]) => [`.${k}`, v] as const) : []);
    for (const [key, v] of entries) walk(v, ref.collection.elementtype, `${path}${key}`, errors);
    return;
  }
  const type = ref.fqn ? assembly.types[ref.fqn] : undefined;
  if (!type || !type.datatype || typeof value !== 'object' || Array.isArray(value)) return; // primitives, IntOrString, Quantity
  // jsii camel-cases acronyms (`clusterIP` is `clusterIp`): compare with the API's own spelling.
  const spelling = jsonNames.get(ref.fqn!.split('.').pop()!) ?? new Map<string, string>();
  const fields = new Map((type.properties ?? []).map(p => [spelling.get(p.name) ?? p.name, p]));
  for (const [key, v] of Object.entries(value as object)) {
    const field = fields.get(key);
    if (!field) errors.push(`${path}.${key}: unknown field`);
    else walk(v, field.type, `${path}.${key}`, errors);
  }
}

/**
 * The Gateway API's kinds, against the OpenAPI schemas of their CRDs (`npm run import:gateway-api`
 * writes them from the CRDs the L1 classes come from): types, required fields, enums, patterns,
 * lengths, and unknown fields (the API server's strict field validation). Not the CRDs' CEL rules.
 */
function gatewayApiErrors(manifest: any): string[] {
  const { kind, apiVersion } = manifest;
  const imported = gatewaySchemas.kinds[kind];
  if (!imported) return [`${apiVersion}/${kind}: no schema for this kind`];
  if (apiVersion !== `gateway.networking.k8s.io/${imported.version}`) return [`${apiVersion}/${kind}: the library writes ${imported.version}`];
  const schema = imported.schema;
  let validate = gatewayValidators.get(kind);
  if (!validate) {
    validate = gatewayAjv.compile(schema);
    gatewayValidators.set(kind, validate);
  }
  const errors: string[] = [];
  if (!validate(manifest)) for (const e of validate.errors ?? []) errors.push(`${kind}${e.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.')}: ${e.message}`);
  unknownFields(manifest, schema, kind, errors);
  return errors;
}

function unknownFields(value: unknown, schema: any, path: string, errors: string[]): void {
  if (value === null || typeof value !== 'object' || !schema) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => unknownFields(v, schema.items, `${path}[${i}]`, errors));
    return;
  }
  if (schema.properties) {
    for (const [k, v] of Object.entries(value)) {
      // (metadata's schema has no properties: the API server checks it as ObjectMeta)
      if (!(k in schema.properties)) errors.push(`${path}.${k}: unknown field`);
      else unknownFields(v, schema.properties[k], `${path}.${k}`, errors);
    }
  } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    for (const [k, v] of Object.entries(value)) unknownFields(v, schema.additionalProperties, `${path}.${k}`, errors);
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Ajv = require('ajv').default;
const gatewaySchemas = JSON.parse(fs.readFileSync(require.resolve('./fixtures/gateway-api/schemas.json'), 'utf8')) as { kinds: { [kind: string]: { version: string; schema: any } } };
// The CRDs' schemas are OpenAPI v3 with Kubernetes extensions (x-kubernetes-*, int32 formats): not strict JSON Schema.
const gatewayAjv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const gatewayValidators = new Map<string, any>();
