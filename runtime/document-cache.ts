import { LRUCache } from "lru-cache";
import { Counter, Gauge } from "prom-client";
import { config } from "./config.js";
import { registry } from "./metrics.js";

const lookups = new Counter({
  name: "lineage_document_cache_lookups_total",
  help: "Parsed-document cache lookups, by cache (gateway, subgraph) and result (hit, miss)",
  labelNames: ["cache", "result"] as const,
  registers: [registry],
});
const entries = new Gauge({
  name: "lineage_document_cache_entries",
  help: "Parsed documents held, by cache",
  labelNames: ["cache"] as const,
  registers: [registry],
});

/**
 * Documents a process has parsed and checked, by their text, so that the same operation sent
 * again is not parsed, measured or validated again: at most DOCUMENT_CACHE_SIZE entries (least
 * recently used go first; 0 = none), hits and misses counted. It has the shape of Apollo
 * Server's KeyValueCache (its `documentStore`: documents that parsed and validated) and serves
 * the gateway's parse-time limits (gateway/limits.ts). Nothing that depends on the caller is
 * kept: authorization runs on every request.
 */
export class DocumentCache<T extends object> {
  private readonly lru: LRUCache<string, T> | undefined;

  constructor(private readonly name: string, max = config.documentCacheSize) {
    this.lru = max > 0 ? new LRUCache({ max }) : undefined;
    entries.set({ cache: name }, 0);
  }

  async get(key: string): Promise<T | undefined> {
    return this.lookup(key);
  }

  /** The same lookup, synchronous (the gateway's parse hook cannot wait). */
  lookup(key: string): T | undefined {
    const hit = this.lru?.get(key);
    lookups.inc({ cache: this.name, result: hit ? "hit" : "miss" });
    return hit;
  }

  async set(key: string, value: T): Promise<void> {
    this.store(key, value);
  }

  store(key: string, value: T): void {
    if (!this.lru) return;
    this.lru.set(key, value);
    entries.set({ cache: this.name }, this.lru.size);
  }

  async delete(key: string): Promise<boolean | void> {
    this.lru?.delete(key);
    entries.set({ cache: this.name }, this.lru?.size ?? 0);
  }

  clear(): void {
    this.lru?.clear();
    entries.set({ cache: this.name }, 0);
  }
}
