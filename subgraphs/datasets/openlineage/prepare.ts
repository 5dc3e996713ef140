import { eventId, mapEvent } from "./mapping.js";
import type { Outcome, Prepared } from "./store.js";
import { checkEvent, type Problem } from "./validate.js";

/** An event refused before the store: never retriable, with at most MAX_PROBLEMS problems and their count. */
export type Refusal = Outcome & { problemCount?: number };

export interface PreparedAll {
  ready: Prepared[];
  refused: Refusal[];
  /** `format` deviations of accepted events, by index (events without any are absent). */
  warnings: Map<number, { warnings: Problem[]; warningCount: number }>;
}

type Obj = Record<string, unknown>;

/**
 * Problems and warnings one request answers, all events together (each event lists at most
 * MAX_PROBLEMS): past it, each event lists its first and counts the rest, so a batch of 10,000
 * small bad events answers about a megabyte, not twenty.
 */
export const REQUEST_LIST_BUDGET = 1_000;

/**
 * Checks and maps one event. Whatever goes wrong with one event (validation, reading its time,
 * mapping it) is that event's refusal, never the request's: a batch stores the others.
 */
function prepareOne(event: unknown, index: number, out: PreparedAll, budget: { left: number }): void {
  const listed = (list: Problem[]) => {
    const kept = list.slice(0, Math.max(1, budget.left));
    budget.left -= kept.length;
    return kept;
  };
  const refuse = (problems: Problem[], count = problems.length, reason = "invalid OpenLineage event"): void => {
    out.refused.push({ index, ok: false, retriable: false, reason, problems: listed(problems), problemCount: count });
  };
  try {
    const checked = checkEvent(event);
    if (checked.problems.length > 0) return refuse(checked.problems, checked.problemCount);
    // The stored event keeps its own warnings whatever the request's budget.
    out.ready.push({ index, rows: map(event as Obj, checked.eventTime!, checked.warnings, checked.warningCount) });
    if (checked.warnings.length > 0) out.warnings.set(index, { warnings: listed(checked.warnings), warningCount: checked.warningCount });
  } catch (err) {
    console.error(JSON.stringify({ level: "error", msg: "OpenLineage event could not be mapped", index, error: (err as Error).message }));
    refuse([{ path: "/", message: "the event could not be read into the lineage graph" }], 1, "unreadable OpenLineage event");
  }
}

/**
 * Maps an accepted event. mapEvent reads `eventTime` with Date, which takes a time without an
 * offset as local time: such an event is mapped with its time as read here (UTC), and its raw
 * copy, id and warnings are those of the event as sent.
 */
function map(event: Obj, iso: string, warnings: Problem[], warningCount: number) {
  const asSent = new Date(event.eventTime as string).getTime() === Date.parse(iso);
  const rows = asSent ? mapEvent(event) : mapEvent({ ...event, eventTime: iso });
  const raw = rows.events[0];
  if (!asSent) Object.assign(raw, { id: eventId(event), json: JSON.stringify(event) });
  if (warnings.length > 0) raw.warnings = JSON.stringify({ warnings, warningCount });
  return rows;
}

/** Checks and maps every event of a request; refused ones get their outcome now. */
export function prepare(events: unknown[]): PreparedAll {
  const out: PreparedAll = { ready: [], refused: [], warnings: new Map() };
  const budget = { left: REQUEST_LIST_BUDGET };
  events.forEach((event, index) => prepareOne(event, index, out, budget));
  return out;
}
