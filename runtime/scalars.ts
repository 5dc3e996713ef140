import { GraphQLScalarType, Kind, type ValueNode } from "graphql";

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an ISO-8601 date-time with offset and normalises it to UTC with millisecond precision
 * (`2026-01-02T03:04:05.000Z`). Normalised strings sort chronologically, which the
 * "as of" queries rely on.
 */
export function parseDateTime(value: unknown): string {
  if (typeof value !== "string" || !ISO_WITH_OFFSET.test(value)) {
    throw new TypeError("must be an ISO-8601 date-time with offset, e.g. 2026-01-31T12:00:00Z");
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new TypeError("is not a real date-time");
  return new Date(t).toISOString();
}

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: "DateTime",
  description: "ISO-8601 date-time with offset; returned in UTC",
  serialize: (v) => (typeof v === "string" ? v : new Date(v as number).toISOString()),
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError("DateTime must be a string");
    return parseDateTime(ast.value);
  },
});

/** Largest JSON value accepted in one argument, in bytes of its JSON text. */
export const MAX_JSON_BYTES = 64 * 1024;

function literalToJson(ast: ValueNode, vars?: Record<string, unknown> | null): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literalToJson(v, vars));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value, vars)]));
    case Kind.VARIABLE:
      return vars?.[ast.name.value];
    default:
      throw new TypeError("unsupported JSON literal");
  }
}

function boundedJson(value: unknown): unknown {
  if (JSON.stringify(value ?? null).length > MAX_JSON_BYTES) throw new TypeError(`JSON value larger than ${MAX_JSON_BYTES} bytes`);
  return value;
}

export const JSONScalar = new GraphQLScalarType({
  name: "JSON",
  description: "Any JSON value (at most 64 KiB)",
  serialize: (v) => v,
  parseValue: boundedJson,
  parseLiteral: (ast, vars) => boundedJson(literalToJson(ast, vars)),
});
