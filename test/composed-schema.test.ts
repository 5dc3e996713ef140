// Properties of the COMPOSED schema (schema/supergraph.graphql, kept fresh by
// schema-artifacts.test.ts): which fields a token can reach, and that every list is bounded.
import fs from "node:fs";
import {
  buildASTSchema, getNamedType, getNullableType, isInterfaceType, isLeafType, isListType, isObjectType, isUnionType, Kind, parse,
  type GraphQLField, type GraphQLNamedType, type GraphQLSchema,
} from "graphql";
import { describe, expect, it } from "vitest";
import { LIST_BOUNDS } from "../gateway/list-bounds.js";

const schema = buildASTSchema(parse(fs.readFileSync("schema/supergraph.graphql", "utf8")), { assumeValidSDL: true });

/** The `@requiresScopes` alternatives of a field, or undefined when it has none. */
function scopesOf(field: GraphQLField<unknown, unknown>): string[][] | undefined {
  const d = field.astNode?.directives?.find((x) => x.name.value === "requiresScopes");
  const v = d?.arguments?.[0].value;
  if (v?.kind !== Kind.LIST) return undefined;
  return v.values.map((alt) => (alt.kind === Kind.LIST ? alt.values.map((s) => (s.kind === Kind.STRING ? s.value : "?")) : []));
}

const fieldsOf = (t: GraphQLNamedType) => (isObjectType(t) || isInterfaceType(t) ? Object.values(t.getFields()) : []);
const children = (t: GraphQLNamedType): GraphQLNamedType[] => (isUnionType(t) ? [...t.getTypes()] : [t]);

/** Every `Type.field` a token with `scopes` can select, starting at Query and Mutation (as the gateway checks them). */
function reachable(s: GraphQLSchema, scopes: string[]): Set<string> {
  const seen = new Set<string>();
  const visited = new Set<string>();
  const queue: GraphQLNamedType[] = [s.getQueryType()!, s.getMutationType()!];
  while (queue.length) {
    const type = queue.pop()!;
    if (visited.has(type.name)) continue;
    visited.add(type.name);
    for (const f of fieldsOf(type)) {
      const required = scopesOf(f);
      if (required && !required.some((alt) => alt.every((x) => scopes.includes(x)))) continue;
      seen.add(`${type.name}.${f.name}`);
      queue.push(...children(getNamedType(f.type)));
    }
  }
  return seen;
}

/** Types holding lineage data: all types reachable from a root query that requires lineage:read (derived, not listed). */
function lineageTypes(s: GraphQLSchema): Set<string> {
  const out = new Set<string>();
  const queue = Object.values(s.getQueryType()!.getFields())
    .filter((f) => scopesOf(f)?.some((alt) => alt.includes("lineage:read")))
    .flatMap((f) => children(getNamedType(f.type)));
  while (queue.length) {
    const t = queue.pop()!;
    if (out.has(t.name) || isLeafType(t)) continue;
    out.add(t.name);
    for (const f of fieldsOf(t)) queue.push(...children(getNamedType(f.type)));
  }
  return out;
}

describe("composed schema: lineage data needs lineage:read on every path", () => {
  const lineage = lineageTypes(schema);

  it("finds the lineage types from the roots (the walk is not empty)", () => {
    for (const t of ["AISystem", "Model", "ModelVersion", "Decision", "Approval", "DatasetVersion", "TrainingRun", "Site"]) expect(lineage).toContain(t);
  });

  it("a token with every scope but lineage:read (and admin) reaches no lineage field except ids", () => {
    const fields = reachable(schema, ["lineage:write", "approvals:decide", "audit:read", "reports:read"]);
    const leaks = [...fields].filter((f) => lineage.has(f.split(".")[0]) && !f.endsWith(".id"));
    expect(leaks).toEqual([]);
    // Mutations themselves stay reachable, and so does the id of what they return.
    expect(fields).toContain("Mutation.registerModel");
    expect(fields).toContain("Model.id");
  });

  it("the issue's probe: registerModel { system { models { versions { decisions { output } approvals { rationale } } } } } is cut at system", () => {
    const fields = reachable(schema, ["lineage:write"]);
    for (const f of ["Model.system", "AISystem.models", "Model.versions", "ModelVersion.decisions", "Decision.output", "ModelVersion.approvals", "Approval.rationale"]) {
      expect(fields, f).not.toContain(f);
    }
  });

  it("with lineage:read the same fields are reachable (the walk can see them)", () => {
    const fields = reachable(schema, ["lineage:read"]);
    for (const f of ["Query.aiSystem", "AISystem.models", "Model.versions", "ModelVersion.decisions", "Decision.output", "ModelVersion.approvals", "Approval.rationale"]) {
      expect(fields, f).toContain(f);
    }
  });
});

describe("composed schema: every list of objects is bounded for the cost limit", () => {
  it("has a `first` argument or a LIST_BOUNDS entry", () => {
    const unbounded: string[] = [];
    for (const t of Object.values(schema.getTypeMap())) {
      if (!isObjectType(t) || t.name.startsWith("__")) continue;
      for (const f of Object.values(t.getFields())) {
        const objects = isListType(getNullableType(f.type)) && !isLeafType(getNamedType(f.type));
        if (objects && !f.args.some((a) => a.name === "first") && LIST_BOUNDS[`${t.name}.${f.name}`] === undefined) unbounded.push(`${t.name}.${f.name}`);
      }
    }
    expect(unbounded).toEqual([]);
  });
});
