import neo4j, { type Driver, type ManagedTransaction, type RecordShape } from "neo4j-driver";
import { BOOKMARK_HEADER, bookmarksReached, bookmarksToWaitFor, recordCommitted } from "./bookmarks.js";
import { env } from "./config.js";
import { isInvalidBookmark } from "./db-errors.js";
import { badInput } from "./errors.js";
import { cypherDuration, cypherStatements } from "./metrics.js";
import { inCypherSpan, traceContext } from "./tracing.js";
import type { Context } from "@opentelemetry/api";

/** A Cypher statement with its parameters. Values always travel in params, never in the text. */
export interface Statement {
  cypher: string;
  params?: Record<string, unknown>;
}

/** Per-request statement counter; tests read it to prove round trips stay constant. */
export interface StatementStats {
  statements: number;
}

export interface DbTarget {
  uri: string;
  user: string;
  password: string;
  database: string;
}

let driver: Driver | undefined;
let database = "neo4j";
/** Process-wide count of statements run, for tests and benchmarks. */
export const globalStats: StatementStats = { statements: 0 };

/**
 * Opens the one driver of this process. Integers come back as JS numbers (counts and sizes
 * stay far below 2^53), so no code elsewhere deals with neo4j Integer.
 */
export function connect(target: DbTarget): Driver {
  if (driver) return driver;
  database = target.database;
  driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), {
    disableLosslessIntegers: true,
    maxTransactionRetryTime: 15_000,
    connectionAcquisitionTimeout: 10_000,
    userAgent: "ai-lineage-graph",
  });
  return driver;
}

/** The database every statement runs against (NEO4J_DATABASE, default "neo4j"). */
export const databaseName = (): string => database;

export function getDriver(): Driver {
  if (!driver) throw new Error("database not connected: call connect() first");
  return driver;
}

/** Closes the driver; bounded (5 s) so a connection stuck mid-query never blocks a shutdown. */
export async function disconnect(): Promise<void> {
  const d = driver;
  driver = undefined;
  if (!d) return;
  await Promise.race([d.close(), new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]);
}

/**
 * Parameters as Neo4j should see them: whole JS numbers become Cypher INTEGERs (the driver
 * would send every JS number as FLOAT, which LIMIT, list slices and counts refuse).
 */
function toCypher(v: unknown): unknown {
  if (typeof v === "number") return Number.isSafeInteger(v) ? neo4j.int(v) : v;
  if (Array.isArray(v)) return v.map(toCypher);
  if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k in v) out[k] = toCypher((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** A transaction handle that counts what it runs. */
export class Tx {
  constructor(
    private readonly tx: ManagedTransaction,
    private readonly op: string,
    private readonly stats?: StatementStats,
    /** The request's trace context, when tracing is on: each statement gets a span under it. */
    private readonly trace?: Context,
  ) {}

  async run<T extends RecordShape = RecordShape>(stmt: Statement): Promise<T[]> {
    globalStats.statements++;
    cypherStatements.inc({ op: this.op });
    if (this.stats) this.stats.statements++;
    const end = cypherDuration.startTimer({ op: this.op });
    try {
      const params = toCypher(stmt.params ?? {}) as Record<string, unknown>;
      const result = this.trace ? await inCypherSpan(this.trace, this.op, database, stmt.cypher, () => this.tx.run(stmt.cypher, params)) : await this.tx.run(stmt.cypher, params);
      return result.records.map((r) => r.toObject() as T);
    } finally {
      end();
    }
  }

  async one<T extends RecordShape = RecordShape>(stmt: Statement): Promise<T | undefined> {
    return (await this.run<T>(stmt))[0];
  }
}

interface TxOptions {
  /** Operation name, tagged on the transaction so Neo4j's query log names its origin. */
  op: string;
  stats?: StatementStats;
}

/**
 * Waits until the database has reached `bookmarks`, at most BOOKMARK_WAIT_S: one explicit
 * transaction (not retried by the driver) whose BEGIN carries them. Past the bound, or refused by
 * the server, it is the caller's bookmark that is wrong: BAD_USER_INPUT, never retryable. The
 * abandoned BEGIN ends on the server's own bookmark timeout; its session is closed then.
 */
async function waitForBookmarks(bookmarks: string[]): Promise<void> {
  const session = getDriver().session({ database, defaultAccessMode: neo4j.session.READ, bookmarks });
  const tx = session.beginTransaction({ metadata: { app: "ai-lineage", op: "bookmark-wait" } });
  const reached = tx.run("RETURN 1").then(() => tx.commit());
  const notReached = () => badInput(BOOKMARK_HEADER, `not reached by the database within ${env.BOOKMARK_WAIT_S} s (not a bookmark this cluster issued, or one far ahead of it)`);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([reached, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(notReached()), env.BOOKMARK_WAIT_S * 1000)))]);
  } catch (err) {
    if (isInvalidBookmark(err) && !/InvalidBookmark/.test(String((err as { code?: string }).code))) throw notReached();
    throw err;
  } finally {
    clearTimeout(timer);
    void reached.catch(() => undefined).finally(() => session.close());
  }
}

/**
 * Runs a read in a managed (retried) read transaction, which a cluster routes to a secondary.
 * It waits for the bookmarks the request presented (read-your-writes, see bookmarks.ts).
 */
export async function read<T>(opts: TxOptions, work: (tx: Tx) => Promise<T>): Promise<T> {
  // Captured here, in the resolver's context: the driver may call `work` from a socket callback.
  const parent = traceContext();
  await bookmarksReached(waitForBookmarks);
  const session = getDriver().session({ database, defaultAccessMode: neo4j.session.READ, bookmarks: bookmarksToWaitFor() });
  return session
    .executeRead((tx) => work(new Tx(tx, opts.op, opts.stats, parent)), { metadata: { app: "ai-lineage", op: opts.op } })
    .finally(() => session.close());
}

/**
 * Runs a write in a managed transaction. The driver retries transient failures (leader
 * switch, deadlock, restart), so `work` must be safe to run more than once.
 */
export async function write<T>(opts: TxOptions, work: (tx: Tx) => Promise<T>): Promise<T> {
  const parent = traceContext();
  await bookmarksReached(waitForBookmarks);
  const session = getDriver().session({ database, defaultAccessMode: neo4j.session.WRITE, bookmarks: bookmarksToWaitFor() });
  return session
    .executeWrite((tx) => work(new Tx(tx, opts.op, opts.stats, parent)), { metadata: { app: "ai-lineage", op: opts.op } })
    .then((result) => {
      recordCommitted(session.lastBookmarks());
      return result;
    })
    .finally(() => session.close());
}

/** One statement in its own read transaction. */
export async function query<T extends RecordShape = RecordShape>(opts: TxOptions, stmt: Statement): Promise<T[]> {
  return read(opts, (tx) => tx.run<T>(stmt));
}

/** True when Neo4j answers. */
export async function ping(): Promise<boolean> {
  try {
    await getDriver().verifyConnectivity({ database });
    return true;
  } catch {
    return false;
  }
}
