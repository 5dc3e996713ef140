import {
  defaultFieldResolver, isObjectType, Kind, visit,
  type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode, type GraphQLSchema,
} from "graphql";
import { forbidden } from "./errors.js";
import type { Caller } from "./auth/caller.js";

const LINEAGE = [["lineage:read"], ["admin"]];
/** Compliance records about a system: read by auditors (reports:read) and lineage readers. */
const COMPLIANCE_RECORD = [["lineage:read"], ["reports:read"], ["admin"]];

/**
 * Which scopes read the data a type holds. Every field of these types except `id` carries
 * `@requiresScopes` with these alternatives, wherever the type is reached: a root query, a
 * nested field, an entity, or a mutation payload. So a token with only `lineage:write` gets
 * back the `id` of what it wrote (to chain its next write) and FORBIDDEN on everything else.
 * The gateway enforces the directive (genericAuth); each subgraph enforces it again
 * (`enforceDeclaredScopes`). test/read-scopes.test.ts walks the composed schema and fails
 * when a type reachable from a `lineage:read` root is missing here.
 */
export const READ_SCOPES: Readonly<Record<string, string[][]>> = Object.fromEntries([
  ...[
    "AISystem", "Model", "ModelVersion", "Decision", "DecisionReview", "Metric", "DatasetUse", "TrainingRun", "Deployment",
    "Dataset", "DatasetVersion", "Derivation", "DriftPoint", "DriftReport", "FeatureDrift", "FeatureThresholds", "FeatureProfile",
    "NumericFeatureProfile", "CategoricalFeatureProfile", "WebhookDelivery", "Approval", "RiskAssessment", "Site", "GpuCluster",
    "ComputeAllocation", "LineageGraph", "LineageNode", "LineageEdge", "ImpactReport", "SiteDecisionCount", "DecisionTrace", "ApprovalSubjectCheck",
  ].map((t) => [t, LINEAGE]),
  ...["Incident", "CorrectiveAction", "ComplianceProfile", "ComplianceEvidence", "PerformanceInUse"].map((t) => [t, COMPLIANCE_RECORD]),
  // An archived document is a report: issueDocument (lineage:write) returns its id to a writer without reports:read.
  ["IssuedDocument", [["reports:read"], ["admin"]]],
]);

/** The field every type keeps readable: the identity of the record a write returns. */
const OPEN_FIELD = "id";

const directive = (alternatives: string[][]): ConstDirectiveNode => ({
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: "requiresScopes" },
  arguments: [{
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: "scopes" },
    value: {
      kind: Kind.LIST,
      values: alternatives.map((alt) => ({ kind: Kind.LIST, values: alt.map((s) => ({ kind: Kind.STRING, value: s })) })),
    },
  }],
});

/** Adds the READ_SCOPES directive to every field but `id` of the listed types (a subgraph's SDL). */
export function withReadScopes(typeDefs: DocumentNode): DocumentNode {
  const scoped = (fields: readonly FieldDefinitionNode[] | undefined, alternatives: string[][]) =>
    fields?.map((f) =>
      f.name.value === OPEN_FIELD || f.directives?.some((d) => d.name.value === "requiresScopes")
        ? f
        : { ...f, directives: [...(f.directives ?? []), directive(alternatives)] },
    );
  const type = (node: { name: { value: string }; fields?: readonly FieldDefinitionNode[] }) => {
    const alternatives = READ_SCOPES[node.name.value];
    return alternatives ? { ...node, fields: scoped(node.fields, alternatives) } : undefined;
  };
  return visit(typeDefs, {
    ObjectTypeDefinition: type,
    ObjectTypeExtension: type,
    InterfaceTypeDefinition: type,
  });
}

/** The alternatives of a field's `@requiresScopes`, as written in the SDL. */
function declaredScopes(field: { astNode?: FieldDefinitionNode | null }): string[][] | undefined {
  const d = field.astNode?.directives?.find((x) => x.name.value === "requiresScopes");
  const value = d?.arguments?.[0]?.value;
  if (value?.kind !== Kind.LIST) return undefined;
  return value.values.map((alt) => (alt.kind === Kind.LIST ? alt.values.flatMap((s) => (s.kind === Kind.STRING ? [s.value] : [])) : []));
}

/**
 * Defence in depth: the subgraph checks every field's `@requiresScopes` itself, so a request
 * that reached it without the gateway's check (or a gateway bug) still gets FORBIDDEN.
 */
export function enforceDeclaredScopes(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const alternatives = declaredScopes(field);
      if (!alternatives) continue;
      const inner = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: { caller?: Caller }, info) => {
        const scopes = context.caller?.scopes ?? [];
        if (!alternatives.some((alt) => alt.every((s) => scopes.includes(s)))) {
          throw forbidden(`${type.name}.${field.name} requires the scope ${alternatives.map((a) => a.join(" + ")).join(" or ")}`);
        }
        return inner(source, args, context, info);
      };
    }
  }
  return schema;
}
