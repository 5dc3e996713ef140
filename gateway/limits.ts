import {
  GraphQLError, Kind, Lexer, Source, TokenKind, getNamedType, getNullableType, getOperationAST, isInterfaceType, isListType, isObjectType,
  type DocumentNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema, type SelectionSetNode, type FieldNode,
} from "graphql";
import { queryLimits } from "../runtime/config.js";

/** Limits on one GraphQL request (defaults and variables in runtime/config.ts `queryLimits`). */
export type QueryLimits = typeof queryLimits;

/** What an operation adds up to once its fragments are expanded. */
export interface Measure {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
}

const ZERO: Measure = { depth: 0, aliases: 0, directives: 0, cost: 0 };
/** List size assumed for the cost when a list field has no `first`. */
export const DEFAULT_LIST_SIZE = 10;

const tooMuch = (limit: string, max: number, actual: number, what: string) =>
  new GraphQLError(`query ${what} exceeds the limit of ${max} (${limit === "tokens" ? "more than that" : actual})`, {
    extensions: { code: "BAD_USER_INPUT", limit, max, actual, http: { status: 400 } },
  });

/** Counts lexical tokens (comments excluded), stopping once past `stopAfter`; lexing errors are left to the parser. */
export function countTokens(text: string, stopAfter: number): number {
  const lexer = new Lexer(new Source(text));
  let n = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) if (++n > stopAfter) break;
  } catch {
    // The parser reports the syntax error with its position.
  }
  return n;
}

const listSize = (node: FieldNode, def: GraphQLField<unknown, unknown> | undefined, variables: Record<string, unknown>): number => {
  const arg = node.arguments?.find((a) => a.name.value === "first");
  let n: unknown = def?.args.find((a) => a.name === "first")?.defaultValue;
  if (arg?.value.kind === Kind.INT) n = Number(arg.value.value);
  else if (arg?.value.kind === Kind.VARIABLE && typeof variables[arg.value.name.value] === "number") n = variables[arg.value.name.value];
  return typeof n === "number" && Number.isFinite(n) ? Math.max(0, n) : DEFAULT_LIST_SIZE;
};

/**
 * Measures the operation that will run: depth (fields nested), aliases and directives (counted
 * as often as a fragment is spread), and static cost (each field 1; a list of objects multiplies
 * itself and what is below it by its `first`, else 10). Each fragment is measured once, so a
 * "fragment bomb" costs the gateway nothing while its totals still grow past the limits.
 */
export function measure(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> = {}): Measure {
  const op = getOperationAST(document, operationName);
  if (!op) return ZERO;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const memo = new Map<string, Measure>();
  const inProgress = new Set<string>();

  const selectionSet = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): Measure => {
    const m = { ...ZERO };
    const add = (child: Measure, depthOffset: number, costFactor = 1, ownCost = 0) => {
      m.depth = Math.max(m.depth, depthOffset + child.depth);
      m.aliases += child.aliases;
      m.directives += child.directives;
      m.cost += costFactor * (ownCost + child.cost);
    };
    for (const sel of set.selections) {
      m.directives += sel.directives?.length ?? 0;
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) m.aliases++;
        // Introspection is answered by the gateway itself (and is off in production): not descended.
        if (sel.name.value.startsWith("__")) {
          add(ZERO, 1, 1, 1);
          continue;
        }
        const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[sel.name.value] : undefined;
        const child = sel.selectionSet ? selectionSet(sel.selectionSet, def && getNamedType(def.type)) : ZERO;
        // Lists of objects multiply what is below them; a list of scalars is one value to the gateway.
        const factor = sel.selectionSet && def && isListType(getNullableType(def.type)) ? listSize(sel, def, variables) : 1;
        add(child, 1, factor, 1);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        add(selectionSet(sel.selectionSet, sel.typeCondition ? schema.getType(sel.typeCondition.name.value) ?? undefined : parent), 0);
      } else {
        add(fragment(sel.name.value), 0);
      }
    }
    return m;
  };

  const fragment = (name: string): Measure => {
    const known = memo.get(name);
    if (known) return known;
    const def = fragments.get(name);
    // Unknown or cyclic spreads are validation errors that graphql reports itself.
    if (!def || inProgress.has(name)) return ZERO;
    inProgress.add(name);
    const m = selectionSet(def.selectionSet, schema.getType(def.typeCondition.name.value) ?? undefined);
    m.directives += def.directives?.length ?? 0;
    inProgress.delete(name);
    memo.set(name, m);
    return m;
  };

  const root = op.operation === "query" ? schema.getQueryType() : op.operation === "mutation" ? schema.getMutationType() : schema.getSubscriptionType();
  const m = selectionSet(op.selectionSet, root ?? undefined);
  m.directives += op.directives?.length ?? 0;
  return m;
}

/** The first limit a measured operation breaks, as the error to answer with. */
export function checkMeasure(m: Measure, limits: QueryLimits): GraphQLError | undefined {
  if (m.depth > limits.maxDepth) return tooMuch("depth", limits.maxDepth, m.depth, "depth");
  if (m.aliases > limits.maxAliases) return tooMuch("aliases", limits.maxAliases, m.aliases, "alias count");
  if (m.directives > limits.maxDirectives) return tooMuch("directives", limits.maxDirectives, m.directives, "directive count");
  if (m.cost > limits.maxCost) return tooMuch("cost", limits.maxCost, m.cost, "cost");
  return undefined;
}

/**
 * `useQueryLimits`: tokens are counted before parsing (so the parser never sees an oversized
 * document); depth, aliases, directives and cost are measured on the operation about to run,
 * with its variables, before anything executes or any subgraph is called. A breach answers
 * BAD_USER_INPUT naming the limit (extensions: limit, max, actual).
 */
export function useQueryLimits(overrides: Partial<QueryLimits> = {}) {
  const limits: QueryLimits = { ...queryLimits, ...overrides };
  return {
    onParse({ params }: { params: { source: string | Source } }) {
      const text = typeof params.source === "string" ? params.source : params.source.body;
      const tokens = countTokens(text, limits.maxTokens);
      if (tokens > limits.maxTokens) throw tooMuch("tokens", limits.maxTokens, tokens, "token count");
    },
    onExecute({ args, setResultAndStopExecution }: {
      args: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variableValues?: Record<string, unknown> | null };
      setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void;
    }) {
      const error = checkMeasure(measure(args.schema, args.document, args.operationName, args.variableValues ?? {}), limits);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
