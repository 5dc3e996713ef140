import { GraphQLScalarType, Kind } from "graphql";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const parseDate = (v: unknown): string => {
  if (typeof v !== "string" || !DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new TypeError("must be an ISO-8601 calendar date, e.g. 2027-12-02");
  return v;
};

/** A calendar date (YYYY-MM-DD), e.g. the day an AI Act obligation applies from. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: "Date",
  description: "ISO-8601 calendar date, YYYY-MM-DD",
  serialize: (v) => parseDate(v),
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError("Date must be a string");
    return parseDate(ast.value);
  },
});
