import type { Ctx } from "../../../runtime/context.js";
import { listPage, type PageArgs as Page } from "../../../runtime/connection.js";
import type { AISystem, Deployment, Model } from "../types.js";

export const listSystems = (ctx: Ctx, page: Page, f: { riskCategory: string | null; annexIIIArea: string | null; nameContains: string | null }) =>
  listPage<AISystem>(ctx, {
    ...page,
    op: "aiSystems",
    label: "AISystem",
    where: `($riskCategory IS NULL OR n.riskCategory = $riskCategory)
            AND ($annexIIIArea IS NULL OR n.annexIIIArea = $annexIIIArea)
            AND ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))`,
    params: f,
  });

export const listModels = (ctx: Ctx, page: Page, systemId: string | null) =>
  listPage<Model>(ctx, { ...page, op: "models", label: "Model", where: "$systemId IS NULL OR n.systemId = $systemId", params: { systemId } });

export const listDeployments = (ctx: Ctx, page: Page, f: { modelVersionId: string | null; siteId: string | null; active: boolean | null; now: string }) =>
  listPage<Deployment>(ctx, {
    ...page,
    op: "deployments",
    label: "Deployment",
    where: `($modelVersionId IS NULL OR n.modelVersionId = $modelVersionId)
            AND ($siteId IS NULL OR n.siteId = $siteId)
            AND ($active IS NULL OR $active = (n.startedAt <= $now AND (n.endedAt IS NULL OR n.endedAt > $now)))`,
    params: f,
  });
