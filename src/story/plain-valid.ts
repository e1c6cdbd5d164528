/**
 * A quick "valid" for the common case: a test built once from a zod
 * schema's own definition that answers true only when zod would accept the
 * value and give back a value equal to it. Anything else — invalid data, or
 * a kind of schema or check not modelled here — is left to zod itself, which
 * then accepts the value or words the problem, so no message changes.
 *
 * Why: a large story validates its scenes, choices and effects tens of
 * thousands of times, and zod's parse (which copies every value and tracks
 * issues as it goes) was a fifth of `hyosan check` on 10,000 scenes.
 *
 * Only what the loader's schemas use is modelled: strict objects, strings
 * with patterns and refinements, numbers and whole numbers with bounds,
 * booleans, lists, records, unions, enums, optional and nullable values.
 * The values tested are what YAML gives: plain objects, arrays, strings,
 * numbers, booleans and null. tests/plain-valid.test.ts holds the answers to
 * zod's on the shipped story and on thousands of altered values.
 */
import type { z } from 'zod';

type Test = (value: unknown) => boolean;
type Schema = z.core.$ZodType;
type Check = z.core.$ZodCheck;

// Built once per schema object; `null` for a schema that is not modelled.
const tests = new WeakMap<Schema, Test | null>();

/** True only when `schema` certainly accepts `value` and zod's parse of it equals it; false: ask zod. */
export function plainlyValid(schema: Schema, value: unknown): boolean {
  let test = tests.get(schema);
  if (test === undefined) {
    test = testFor(schema) ?? null;
    tests.set(schema, test);
  }
  return test !== null && test(value);
}

/** The test for `schema`, or undefined when it (or anything inside it) is not modelled. */
function testFor(schema: Schema): Test | undefined {
  const def = schema._zod.def as z.core.$ZodTypeDef & { check?: string };
  const base = typeTest(schema);
  // A format such as z.int() is its own check, besides the ones added to it.
  const checks = def.check === undefined ? (def.checks ?? []) : [schema as unknown as Check, ...(def.checks ?? [])];
  const extra: Test[] = [];
  for (const check of checks) {
    const test = checkTest(check);
    if (test === undefined) return undefined;
    extra.push(test);
  }
  if (base === undefined) return undefined;
  if (extra.length === 0) return base;
  return (value) => base(value) && extra.every((test) => test(value));
}

/** The test for the type itself, without its checks. */
function typeTest(schema: Schema): Test | undefined {
  const def = schema._zod.def as z.core.$ZodTypeDef & { coerce?: boolean; format?: string };
  if (def.coerce === true) return undefined;
  switch (def.type) {
    case 'string':
      return def.format === undefined ? (value) => typeof value === 'string' : undefined;
    case 'number':
      if (def.format === undefined) return (value) => typeof value === 'number' && Number.isFinite(value);
      return def.format === 'safeint' ? (value) => Number.isSafeInteger(value) : undefined;
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'unknown':
      return () => true;
    case 'optional':
    case 'nullable': {
      const inner = testFor((def as z.core.$ZodOptionalDef).innerType);
      if (inner === undefined) return undefined;
      const empty = def.type === 'optional' ? undefined : null;
      return (value) => value === empty || inner(value);
    }
    case 'enum': {
      const values = new Set(Object.values((def as z.core.$ZodEnumDef).entries).filter((v) => typeof v === 'string'));
      return (value) => typeof value === 'string' && values.has(value);
    }
    case 'literal': {
      const values = (def as z.core.$ZodLiteralDef<z.core.util.Literal>).values;
      // Primitive literals only (strings, numbers, booleans): anything else is left to zod.
      if (!values.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) return undefined;
      return (value) => values.includes(value as z.core.util.Literal);
    }
    case 'union':
      return unionTest(def as z.core.$ZodUnionDef);
    case 'array':
      return arrayTest(def as z.core.$ZodArrayDef);
    case 'object':
      return objectTest(def as z.core.$ZodObjectDef);
    case 'record':
      return recordTest(def as z.core.$ZodRecordDef);
    default:
      return undefined;
  }
}

function unionTest(def: z.core.$ZodUnionDef): Test | undefined {
  // An exclusive union (z.xor) wants exactly one option to match.
  if ((def as { inclusive?: boolean }).inclusive === false) return undefined;
  const options: Test[] = [];
  for (const option of def.options) {
    const test = testFor(option);
    if (test === undefined) return undefined;
    options.push(test);
  }
  return (value) => options.some((test) => test(value));
}

function arrayTest(def: z.core.$ZodArrayDef): Test | undefined {
  const element = testFor(def.element);
  if (element === undefined) return undefined;
  return (value) => {
    if (!Array.isArray(value)) return false;
    for (let i = 0; i < value.length; i++) if (!element(value[i])) return false;
    return true;
  };
}

/** A mapping as YAML gives it: a plain object, whose own keys are all its keys. */
function isPlainMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function objectTest(def: z.core.$ZodObjectDef): Test | undefined {
  // A strict object refuses other keys; a stripping one drops them, and its output would then differ.
  const catchall = def.catchall?._zod.def.type;
  if ((catchall !== undefined && catchall !== 'never') || Object.getOwnPropertySymbols(def.shape).length > 0) return undefined;
  const fields = new Map<string, { test: Test; optional: boolean }>();
  let required = 0;
  for (const [key, field] of Object.entries(def.shape)) {
    const test = testFor(field);
    if (test === undefined) return undefined;
    // zod refuses a missing key unless its schema is optional, even one that accepts undefined.
    const optional = field._zod.def.type === 'optional';
    if (!optional) required++;
    fields.set(key, { test, optional });
  }
  return (value) => {
    if (!isPlainMapping(value)) return false;
    // Each key is looked at once: unknown ones fail, and every required one must be among them.
    let found = 0;
    for (const key in value) {
      const field = fields.get(key);
      if (field === undefined || !field.test(value[key])) return false;
      if (!field.optional) found++;
    }
    return found === required;
  };
}

function recordTest(def: z.core.$ZodRecordDef): Test | undefined {
  // A record keyed by an enum (or a partial or loose one) has rules of its own about keys.
  if (def.keyType._zod.values !== undefined || (def as { mode?: string }).mode !== undefined) return undefined;
  const key = testFor(def.keyType);
  const entry = testFor(def.valueType);
  if (key === undefined || entry === undefined) return undefined;
  return (value) => {
    if (!isPlainMapping(value)) return false;
    for (const name of Object.keys(value)) if (!key(name) || !entry(value[name])) return false;
    return true;
  };
}

/** The test for one check (a refinement, a pattern, a bound), or undefined when it is not modelled. */
function checkTest(check: Check): Test | undefined {
  const def = check._zod.def as z.core.$ZodCheckDef & Record<string, unknown>;
  switch (def.check) {
    case 'custom': {
      // A refinement: zod calls it and takes a truthy answer (a promise would be an async refinement).
      // A check written as a function of zod's own payload (superRefine, .check) has no `fn`: not modelled.
      const refine = def.fn;
      if (typeof refine !== 'function') return undefined;
      return (value) => {
        const answer = refine(value);
        return !(answer instanceof Promise) && Boolean(answer);
      };
    }
    case 'string_format': {
      const pattern = def.pattern;
      if (def.format !== 'regex' || !(pattern instanceof RegExp)) return undefined;
      return (value) => {
        pattern.lastIndex = 0;
        return typeof value === 'string' && pattern.test(value);
      };
    }
    case 'greater_than':
    case 'less_than': {
      const bound = def.value;
      if (typeof bound !== 'number') return undefined;
      const above = def.check === 'greater_than';
      const inclusive = def.inclusive === true;
      return (value) =>
        typeof value === 'number' &&
        (above ? (inclusive ? value >= bound : value > bound) : inclusive ? value <= bound : value < bound);
    }
    case 'min_length':
    case 'max_length': {
      // Lists only: zod measures a string in code points, which this does not model.
      const limit = def.check === 'min_length' ? def.minimum : def.maximum;
      if (typeof limit !== 'number') return undefined;
      const least = def.check === 'min_length';
      return (value) => Array.isArray(value) && (least ? value.length >= limit : value.length <= limit);
    }
    case 'number_format':
      return def.format === 'safeint' ? (value) => Number.isSafeInteger(value) : undefined;
    default:
      return undefined;
  }
}
