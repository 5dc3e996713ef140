import {
  defaultFieldResolver, getNamedType, getNullableType, isInputObjectType, isListType, isObjectType, isScalarType,
  type GraphQLInputType, type GraphQLSchema,
} from "graphql";
import { badInput } from "./errors.js";

/** Longest ID accepted in any argument, input field included (ids we mint are under 40 characters). */
export const MAX_ID_LENGTH = 256;

/** True when a value of this input type can hold an ID somewhere. */
function holdsId(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return named.name === "ID";
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((f) => holdsId(f.type, seen));
}

/** Throws BAD_USER_INPUT naming the first over-long ID in `value` (the id itself is not echoed). */
function check(path: string, type: GraphQLInputType, value: unknown): void {
  if (value === null || value === undefined) return;
  const t = getNullableType(type);
  if (isListType(t)) {
    if (Array.isArray(value)) value.forEach((v, i) => check(`${path}[${i}]`, t.ofType, v));
    return;
  }
  if (isScalarType(t)) {
    if (t.name === "ID" && String(value).length > MAX_ID_LENGTH) throw badInput(path, `an ID has at most ${MAX_ID_LENGTH} characters`);
    return;
  }
  if (isInputObjectType(t) && typeof value === "object") {
    for (const [name, f] of Object.entries(t.getFields())) check(`${path}.${name}`, f.type, (value as Record<string, unknown>)[name]);
  }
}

/**
 * Bounds every ID argument of every field of a subgraph (BAD_USER_INPUT before the resolver
 * runs), so no lookup, error message or log line ever carries a megabyte-long "id".
 */
export function boundIdArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const args = field.args.filter((a) => holdsId(a.type));
      if (args.length === 0 || field.name === "_entities") continue;
      const inner = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, values, context, info) => {
        for (const a of args) check(a.name, a.type, values[a.name]);
        return inner(source, values, context, info);
      };
    }
  }
  return schema;
}
