import { listPage, type PageArgs } from "../../../runtime/connection.js";
import type { Ctx } from "../../../runtime/context.js";
import type { GpuCluster, Site } from "../types.js";

export const listSites = (ctx: Ctx, page: PageArgs, f: { country: string | null; zone: string | null }) =>
  listPage<Site>(ctx, {
    ...page,
    op: "sites",
    label: "Site",
    where: "($country IS NULL OR n.country = $country) AND ($zone IS NULL OR n.sovereigntyZone = $zone)",
    params: f,
  });

export const listClusters = (ctx: Ctx, page: PageArgs, siteId: string | null) =>
  listPage<GpuCluster>(ctx, { ...page, op: "gpuClusters", label: "GpuCluster", where: "$siteId IS NULL OR n.siteId = $siteId", params: { siteId } });
