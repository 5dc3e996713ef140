import { Gauge } from "prom-client";
import type { SubgraphName } from "../runtime/config.js";
import { query } from "../runtime/db.js";
import { registry } from "../runtime/metrics.js";

/**
 * Domain gauges, read from the graph when Prometheus scrapes (so they hold across restarts and
 * replicas), each exposed by the subgraph that owns the data. A failed read leaves the gauge
 * out of that scrape rather than failing /metrics: `lineage_graph_scrape_errors` counts them.
 */
type Rows = { labels?: Record<string, string>; value: number }[];

const scrapeErrors = new Gauge({ name: "lineage_graph_scrape_errors", help: "Domain gauges whose graph read failed at the last scrape", registers: [registry] });

function graphGauge(name: string, help: string, labelNames: string[], read: () => Promise<Rows>) {
  if (registry.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const r of await read()) this.set(r.labels ?? {}, r.value);
      } catch {
        scrapeErrors.inc();
      }
    },
  });
}

const count = (cypher: string, params: Record<string, unknown> = {}) => async (): Promise<Rows> =>
  (await query<{ n: number }>({ op: "metrics" }, { cypher, params })).map((r) => ({ value: r.n }));

const byStatus = (cypher: string) => async (): Promise<Rows> =>
  (await query<{ status: string; n: number }>({ op: "metrics" }, { cypher })).map((r) => ({ labels: { status: r.status ?? "none" }, value: r.n }));

const OWNED: Partial<Record<SubgraphName, () => void>> = {
  models: () => {
    graphGauge("lineage_decisions_stored", "Decisions ingested (recordDecisions), as stored in the graph", [], count("MATCH (d:Decision) RETURN count(d) AS n"));
  },
  compliance: () => {
    graphGauge("lineage_audit_chain_length", "Sequence number of the audit chain's head", [], count("OPTIONAL MATCH (h:AuditHead {id: 'audit'}) RETURN coalesce(h.seq, 0) AS n"));
    graphGauge("lineage_audit_events_stored", "Audit events stored; differs from the chain length when events are missing", [], count("MATCH (e:AuditEvent) RETURN count(e) AS n"));
    graphGauge("lineage_audit_head_intact", "1 when the head's hash equals the hash of the event at its sequence number", [], count(
      `OPTIONAL MATCH (h:AuditHead {id: 'audit'}) OPTIONAL MATCH (e:AuditEvent {seq: h.seq})
       RETURN CASE WHEN h IS NULL OR h.seq = 0 OR e.hash = h.hash THEN 1 ELSE 0 END AS n`,
    ));
    // Art. 73: overdue = no initial report submitted by dueBy (the same rule as Incident.overdue).
    graphGauge("lineage_incidents_overdue", "Serious incidents with no initial report submitted by their Art. 73 deadline", [], async () =>
      count(
        `MATCH (i:Incident) WHERE datetime(i.dueBy) < datetime($now)
           AND NOT EXISTS { MATCH (u:IncidentUpdate {incidentId: i.id}) WHERE u.kind = 'SUBMISSION' AND u.submissionKind = 'INITIAL' AND datetime(u.submittedAt) <= datetime(i.dueBy) }
         RETURN count(i) AS n`,
        { now: new Date().toISOString() },
      )(),
    );
  },
  gpu: () => {
    // Site recorders (docs/sites.md): one series per site; Art. 12 logs whose completeness is provable.
    const perSite = (field: string) => async (): Promise<Rows> =>
      (await query<{ site: string; n: number | null }>({ op: "metrics" }, {
        cypher: `MATCH (r:SiteRecorder) OPTIONAL MATCH (b:SiteRecordBatch {siteId: r.siteId})
                 WITH r, coalesce(sum(b.to - b.from + 1), 0) AS received, coalesce(sum(size(b.breaks)), 0) AS breaks
                 RETURN r.siteId AS site, ${field} AS n`,
      })).filter((r) => r.n !== null).map((r) => ({ labels: { site: r.site }, value: r.n! }));
    graphGauge("lineage_site_recorder_last_sequence", "Highest sequence the centre received from each site's recorder", ["site"], perSite("r.lastSequence"));
    graphGauge("lineage_site_recorder_last_seen_seconds", "When each site's recorder last reported (Unix time)", ["site"], perSite("datetime(r.lastSeenAt).epochSeconds"));
    graphGauge("lineage_site_recorder_backlog", "Records each site's recorder reported still to send", ["site"], perSite("r.backlog"));
    graphGauge("lineage_site_recorder_missing_records", "Sequences up to the last received that the centre never received (gaps), per site", ["site"], perSite("r.lastSequence - received"));
    graphGauge("lineage_site_recorder_chain_breaks", "Sequences whose hash does not chain (or that the site found tampered), per site", ["site"], perSite("breaks"));
    graphGauge("lineage_site_recorder_clock_skew_seconds", "Site clock minus the centre's at the last report, per site", ["site"], perSite("r.clockSkewSeconds"));
  },
  datasets: () => {
    graphGauge("lineage_drift_reports", "Drift reports by status", ["status"], byStatus("MATCH (r:DriftReport) RETURN r.status AS status, count(r) AS n"));
    graphGauge("lineage_webhook_deliveries", "Drift webhook events by delivery status (PENDING, DELIVERED, DEAD)", ["status"], byStatus("MATCH (w:WebhookOutbox) RETURN w.status AS status, count(w) AS n"));
    graphGauge("lineage_webhook_failed_attempts", "Drift webhook attempts that failed (receiver unreachable or not 2xx)", [], count("MATCH (w:WebhookOutbox) RETURN coalesce(sum(w.failedAttempts), 0) AS n"));
  },
};

/** Registers the domain gauges the subgraph `name` owns (once per process). */
export function registerDomainMetrics(name: SubgraphName): void {
  OWNED[name]?.();
}
