import http from "node:http";
import type { AddressInfo } from "node:net";
import { config, recorderConfig } from "../runtime/config.js";
import { logger } from "../runtime/log.js";
import { metricsHandler } from "../runtime/metrics.js";
import { HttpError } from "../subgraphs/datasets/openlineage/body.js";
import { loadClientKey } from "./assertion.js";
import { localAuth } from "./auth.js";
import { readCursor } from "./cursor.js";
import { Forwarder } from "./forward.js";
import { send } from "./http.js";
import { SiteLog } from "./log.js";
import { refused, stateGauges } from "./metrics.js";
import { postBatch, postDecisions, postEvent } from "./routes.js";

export interface RunningRecorder {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const ROUTES = {
  "POST /ingest/decisions": postDecisions,
  "POST /api/v1/lineage": postEvent,
  "POST /api/v1/lineage/batch": postBatch,
} as const;

/**
 * The site recorder (`npm run serve -- recorder`): takes decisions and OpenLineage events from
 * the site's callers, acknowledges them once on the site's disk (log.ts), and forwards them to
 * the centre (forward.ts). It never talks to Neo4j.
 */
export async function startRecorder(opts: { port?: number; host?: string } = {}): Promise<RunningRecorder> {
  const c = recorderConfig();
  const siteId = c.siteId;
  if (!siteId) throw new Error("RECORDER_SITE_ID is required: the id of the central Site this recorder records for");
  if (c.upstreamUrl && (!c.clientId || !c.clientKeyFile)) throw new Error("RECORDER_UPSTREAM_URL needs RECORDER_CLIENT_ID and RECORDER_CLIENT_KEY_FILE (the site's integration client)");
  const authorize = await localAuth();
  const log = await SiteLog.open(c.dataDir, { maxBytes: c.maxBytes });
  const cursor = await readCursor(c.dataDir);
  const forwarder = c.upstreamUrl
    ? new Forwarder({ log, dir: c.dataDir, cursor, upstream: c.upstreamUrl, siteId, key: await loadClientKey(c.clientId!, c.clientKeyFile!), batchSize: c.batchSize, reportRecords: c.reportRecords, backoffMs: c.backoffMs, backoffMaxMs: c.backoffMaxMs, retentionMs: c.retentionMs, heartbeatMs: c.heartbeatMs })
    : null;
  const acked = () => forwarder?.cursor.seq ?? cursor.seq;
  stateGauges(() => ({ lastSeq: log.lastSeq, ackedSeq: acked(), oldestUnsentAt: forwarder?.oldestUnsentAt ?? null, usedBytes: log.usedBytes, maxBytes: c.maxBytes }));
  let stopping = false;

  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0].replace(/\/+$/, "") || "/";
    try {
      if (req.method === "GET" && path === "/healthz") return send(res, 200, { status: "ok" });
      if (req.method === "GET" && path === "/readyz") {
        const full = log.usedBytes >= c.maxBytes;
        const ready = !stopping && !full;
        return send(res, ready ? 200 : 503, { status: ready ? "ready" : "not ready", ...(full ? { reason: "disk quota full" } : stopping ? { reason: "stopping" } : {}), lastSequence: log.lastSeq, acknowledgedSequence: acked(), backlog: log.lastSeq - acked() });
      }
      if (req.method === "GET" && path === "/metrics") return await metricsHandler(req, res);
      const route = ROUTES[`${req.method} ${path}` as keyof typeof ROUTES];
      if (!route) {
        if (Object.keys(ROUTES).some((r) => r.endsWith(` ${path}`))) return send(res, 405, { error: { code: "METHOD_NOT_ALLOWED", message: "use POST" } }, { allow: "POST" });
        throw new HttpError(404, "NOT_FOUND", `no route ${req.method} ${path}: see /ingest/decisions, /api/v1/lineage, /api/v1/lineage/batch`);
      }
      if (stopping) throw new HttpError(503, "SERVICE_UNAVAILABLE", "the recorder is stopping");
      try {
        await authorize(req.headers.authorization);
      } catch (err) {
        refused.inc({ reason: "auth" });
        throw err;
      }
      await route(req, res, log);
    } catch (err) {
      if (!(err instanceof HttpError)) logger.error({ err, path }, "request failed");
      if (res.headersSent) return void res.destroy();
      const e = err instanceof HttpError ? err : new HttpError(500, "INTERNAL_SERVER_ERROR", "Internal server error");
      req.resume();
      send(res, e.status, { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } }, e.status === 401 ? { "www-authenticate": "Bearer" } : {});
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? c.port, opts.host ?? config.host, () => resolve());
  });
  forwarder?.start();
  if (!forwarder) logger.warn("RECORDER_UPSTREAM_URL is not set: records are kept at the site and not forwarded");
  const port = (server.address() as AddressInfo).port;
  logger.info({ siteId, lastSequence: log.lastSeq, acknowledged: acked(), dataDir: c.dataDir }, "site log open");
  return {
    url: `http://${opts.host ?? config.host}:${port}`,
    port,
    async stop() {
      stopping = true;
      // No new requests; those in flight finish (their records are appended or refused).
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await forwarder?.stop();
      await log.close();
    },
  };
}
