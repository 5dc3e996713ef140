import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { Counter, Gauge } from "prom-client";
import { config } from "../config.js";
import { registry } from "../metrics.js";

const lookups = new Counter({
  name: "lineage_token_cache_lookups_total",
  help: "Verified-token cache lookups, by cache and result (hit, miss)",
  labelNames: ["cache", "result"] as const,
  registers: [registry],
});
const entries = new Gauge({
  name: "lineage_token_cache_entries",
  help: "Verified tokens held, by cache",
  labelNames: ["cache"] as const,
  registers: [registry],
});

/**
 * Remembers what verifying a token gave, so a token presented again is not verified again:
 * keyed by the token's SHA-256 (the token itself is never kept), each entry only until the
 * token's own `exp` (checked again on every hit), at most TOKEN_CACHE_SIZE entries (least
 * recently used go first). `clear()` forgets everything (key rotation). Only for tokens whose
 * verification has no side effect: a one-time client assertion (jti) must never be cached.
 */
export class TokenCache<T> {
  private readonly lru: LRUCache<string, { value: T; exp: number }> | undefined;

  constructor(private readonly name: string, max = config.tokenCacheSize) {
    this.lru = max > 0 ? new LRUCache({ max }) : undefined;
    entries.set({ cache: name }, 0);
  }

  /** The value cached for `token`, while the token has not expired; else undefined. */
  get(token: string): T | undefined {
    if (!this.lru) return undefined;
    const key = digest(token);
    const hit = this.lru.get(key);
    if (hit && hit.exp * 1000 > Date.now()) {
      lookups.inc({ cache: this.name, result: "hit" });
      return hit.value;
    }
    if (hit) this.lru.delete(key);
    lookups.inc({ cache: this.name, result: "miss" });
    return undefined;
  }

  /** Keeps `value` for `token` until `exp` (seconds since the epoch, the token's claim). */
  set(token: string, value: T, exp: number): void {
    if (!this.lru || !(exp * 1000 > Date.now())) return;
    this.lru.set(digest(token), { value, exp }, { ttl: exp * 1000 - Date.now() });
    entries.set({ cache: this.name }, this.lru.size);
  }

  clear(): void {
    this.lru?.clear();
    entries.set({ cache: this.name }, 0);
  }
}

const digest = (token: string) => createHash("sha256").update(token).digest("base64url");
