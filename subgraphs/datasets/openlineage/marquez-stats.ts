import { read } from "../../../runtime/db.js";
import { HttpError } from "./body.js";
import { oneOf } from "./marquez-params.js";

const HOUR = 3_600_000;

/** The UTC instant of local midnight on the local day holding `t`, in an IANA time zone. */
function localMidnight(t: number, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  const offset = asUtc - Math.floor(t / 1000) * 1000;
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day) - offset;
}

/**
 * Marquez's stats buckets: DAY is the last 24 hours by the hour (UTC), the current hour last;
 * WEEK the last 7 days by the day in `timezone` (required, as in Marquez), today last.
 */
export function buckets(url: URL, now = Date.now()): { start: string; end: string }[] {
  const period = oneOf(url, "period", ["DAY", "WEEK"] as const, null);
  if (!period) throw new HttpError(400, "BAD_USER_INPUT", "period: required, DAY or WEEK");
  if (period === "DAY") {
    const top = Math.floor(now / HOUR) * HOUR;
    return Array.from({ length: 24 }, (_, i) => top - (23 - i) * HOUR).map((s) => ({ start: new Date(s).toISOString(), end: new Date(s + HOUR).toISOString() }));
  }
  const tz = url.searchParams.get("timezone");
  if (!tz) throw new HttpError(400, "BAD_USER_INPUT", "timezone: required for period WEEK (an IANA zone, e.g. Europe/Berlin)");
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
  } catch {
    throw new HttpError(400, "BAD_USER_INPUT", `timezone: "${tz.slice(0, 60)}" is not an IANA time zone`);
  }
  // Each day's midnight, found from noon of that day (DST shifts never move noon across midnight).
  const today = localMidnight(now, tz);
  const days = Array.from({ length: 8 }, (_, i) => localMidnight(today + 12 * HOUR - (6 - i) * 24 * HOUR, tz));
  return days.slice(0, 7).map((s, i) => ({ start: new Date(s).toISOString(), end: new Date(days[i + 1]).toISOString() }));
}

/** Events per bucket by type, by eventTime (Marquez's LineageMetric). */
export async function lineageEventStats(b: { start: string; end: string }[]) {
  const rows = await read({ op: "marquezStatsEvents" }, (tx) =>
    tx.run<{ i: number; type: string; n: number }>({
      cypher: `UNWIND range(0, size($b) - 1) AS i
               MATCH (e:OpenLineageEvent) WHERE e.eventTime >= $b[i].start AND e.eventTime < $b[i].end AND e.eventType IN ['START', 'COMPLETE', 'FAIL', 'ABORT']
               RETURN i, e.eventType AS type, count(e) AS n`,
      params: { b },
    }),
  );
  return b.map(({ start, end }, i) => {
    const n = (type: string) => rows.find((r) => r.i === i && r.type === type)?.n ?? 0;
    return { startInterval: start, endInterval: end, fail: n("FAIL"), start: n("START"), complete: n("COMPLETE"), abort: n("ABORT") };
  });
}

const COUNTED: Record<string, string> = {
  jobs: "MATCH (n:Job) WHERE n.createdAt < $end RETURN count(n) AS n",
  datasets: "MATCH (n:Dataset) WHERE n.nodeKey IS NOT NULL AND n.createdAt < $end RETURN count(n) AS n",
  // A source is a dataset namespace (OpenLineage names a dataset's source by its namespace).
  sources: "MATCH (n:Dataset) WHERE n.nodeKey IS NOT NULL AND n.createdAt < $end RETURN count(DISTINCT n.namespace) AS n",
};

/** How many jobs, datasets or sources existed at the end of each bucket (Marquez's IntervalMetric, cumulative). */
export async function countStats(what: string, b: { start: string; end: string }[]) {
  return read({ op: `marquezStats_${what}` }, async (tx) => {
    const out = [];
    for (const { start, end } of b) out.push({ startInterval: start, endInterval: end, count: (await tx.one<{ n: number }>({ cypher: COUNTED[what], params: { end } }))?.n ?? 0 });
    return out;
  });
}
