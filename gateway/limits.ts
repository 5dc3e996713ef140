import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import {
  GraphQLError, Kind, Lexer, Source, TokenKind, getNamedType, getNullableType, getOperationAST, getVariableValues, isInterfaceType, isListType, isObjectType,
  type DocumentNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema, type SelectionSetNode, type FieldNode,
} from "graphql";
import { queryLimits } from "../runtime/config.js";
import { DocumentCache } from "../runtime/document-cache.js";
import { LIST_BOUNDS, UNDECLARED_LIST_SIZE } from "./list-bounds.js";

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

/**
 * Items a list field counts for: its `first` (literal, variable or the argument's default), or
 * its LIST_BOUNDS entry when it has no `first`. `variables` null means not known yet (the
 * document alone, at parse time): a variable then counts as 1 and no list as less than 1, so
 * that check is a lower bound that depends only on the text.
 */
const listSize = (node: FieldNode, parent: GraphQLNamedType, def: GraphQLField<unknown, unknown>, variables: Record<string, unknown> | null): number => {
  const firstArg = def.args.find((a) => a.name === "first");
  if (!firstArg) return LIST_BOUNDS[`${parent.name}.${def.name}`] ?? UNDECLARED_LIST_SIZE;
  const arg = node.arguments?.find((a) => a.name.value === "first");
  let n: unknown = firstArg.defaultValue;
  if (arg?.value.kind === Kind.INT) n = Number(arg.value.value);
  else if (arg?.value.kind === Kind.VARIABLE) n = variables ? variables[arg.value.name.value] ?? firstArg.defaultValue : 1;
  // A `first` with neither a value nor a default is unbounded: costed as the largest undeclared list.
  const size = typeof n === "number" && Number.isFinite(n) ? Math.max(0, n) : UNDECLARED_LIST_SIZE;
  return variables ? size : Math.max(1, size);
};

/**
 * Measures the operation that will run: depth (fields nested), aliases and directives (counted
 * as often as a fragment is spread), and static cost (each field 1; a list of objects multiplies
 * itself and what is below it by its `first` (coerced, default applied), else its LIST_BOUNDS entry). Each fragment is measured once, so a
 * "fragment bomb" costs the gateway nothing while its totals still grow past the limits.
 */
export function measure(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null = {}): Measure {
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
        const factor = sel.selectionSet && def && isListType(getNullableType(def.type)) ? listSize(sel, parent!, def, variables) : 1;
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

/** Coerced variable values (defaults applied) when they coerce; else the raw values, left to validation. */
function coercedVariables(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, raw: Record<string, unknown>) {
  const defs = getOperationAST(document, operationName)?.variableDefinitions ?? [];
  if (defs.length === 0) return raw;
  const { coerced } = getVariableValues(schema, defs, raw) as { coerced?: Record<string, unknown> };
  return coerced ?? raw;
}

/**
 * `useQueryLimits`, in two steps:
 * - parsing: tokens are counted before the parser sees the text; right after parsing, depth,
 *   aliases, directives and a lower bound of the cost (variables unknown, every list at least 1)
 *   are measured for every operation of the document. That is before validation, so before
 *   the auth plugin's validation rule (or anything else) walks fragment spreads: a "fragment
 *   bomb" is refused at once. This step depends on the text alone, so the documents that pass
 *   it are kept by text (DocumentCache "gateway", DOCUMENT_CACHE_SIZE): a text sent again is
 *   not lexed, parsed or measured again.
 * - execution: the cost of the operation that runs, with its coerced variables (defaults
 *   applied), before any subgraph is called.
 * Fragments are measured once each (memoised), so measuring never expands a document. A breach
 * answers BAD_USER_INPUT naming the limit (extensions: limit, max, actual).
 */
export function useQueryLimits(overrides: Partial<QueryLimits> = {}): GatewayPlugin {
  const limits: QueryLimits = { ...queryLimits, ...overrides };
  let schema: GraphQLSchema | undefined;
  // Texts whose document passed the parse-time checks, with that document: sent again, it is
  // neither lexed, parsed nor measured again, and the runtime's validation cache (keyed by the
  // document object) finds it. Only what depends on the text alone is kept; a new schema empties it.
  const checked = new DocumentCache<DocumentNode>("gateway");
  return {
    onSchemaChange({ schema: next }) {
      schema = next;
      checked.clear();
    },
    onParse({ params, setParsedDocument }) {
      const text = typeof params.source === "string" ? params.source : params.source.body;
      const known = schema && checked.lookup(text);
      if (known) {
        setParsedDocument(known);
        return undefined;
      }
      const tokens = countTokens(text, limits.maxTokens);
      if (tokens > limits.maxTokens) throw tooMuch("tokens", limits.maxTokens, tokens, "token count");
      return ({ result, replaceParseResult }) => {
        // Parse errors are reported as such; without a schema (not loaded yet) nothing can run anyway.
        if (!schema || !result || result instanceof Error) return;
        const document = result as DocumentNode;
        for (const op of document.definitions) {
          if (op.kind !== Kind.OPERATION_DEFINITION) continue;
          const error = checkMeasure(measure(schema, document, op.name?.value ?? null, null), limits);
          if (error) return replaceParseResult(error);
        }
        checked.store(text, document);
      };
    },
    onExecute({ args, setResultAndStopExecution }) {
      const variables = coercedVariables(args.schema, args.document, args.operationName, args.variableValues ?? {});
      const error = checkMeasure(measure(args.schema, args.document, args.operationName, variables), limits);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
