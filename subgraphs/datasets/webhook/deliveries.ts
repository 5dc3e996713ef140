import { stableId } from "../../../runtime/canonical.js";
import type { Ctx } from "../../../runtime/context.js";
import { write } from "../../../runtime/db.js";
import { related } from "../../../runtime/nodes.js";

/** The webhook attempts recorded for a drift report, oldest first. */
export const deliveriesOf = (ctx: Ctx, reportId: string) =>
  related(
    ctx,
    "webhookDeliveries",
    `MATCH (w:WebhookDelivery) WHERE w.reportId IN $ids RETURN w.reportId AS key, w {.*} AS n ORDER BY w.attempt`,
  ).load(reportId);

/** Records one webhook attempt: a plain write (operational, not a lineage fact, not audited). */
export async function recordDelivery(d: { reportId: string; attempt: number; status: string; httpStatus: number | null; error: string | null }): Promise<void> {
  const id = stableId("whd", d.reportId, d.attempt);
  await write({ op: "recordWebhookDelivery" }, (tx) =>
    tx.run({
      cypher: `MERGE (w:WebhookDelivery {id: $id}) SET w += $props`,
      params: { id, props: { ...d, at: new Date().toISOString() } },
    }),
  );
}
