import { listPage, type PageArgs } from "../../../runtime/connection.js";
import type { Ctx } from "../../../runtime/context.js";
import type { Dataset } from "../types.js";

/**
 * Datasets by (createdAt, id). Personal data is a fact of each version: one version with it
 * makes the dataset hold some; a dataset without versions is "not recorded" and matches neither.
 */
export const listDatasets = (ctx: Ctx, page: PageArgs, f: { nameContains: string | null; personal: boolean | null }) =>
  listPage<Dataset>(ctx, {
    ...page,
    op: "datasets",
    label: "Dataset",
    where: `($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
            AND ($personal IS NULL OR
                 ($personal AND EXISTS { MATCH (x:DatasetVersion {datasetId: n.id}) WHERE x.containsPersonalData }) OR
                 (NOT $personal AND EXISTS { MATCH (x:DatasetVersion {datasetId: n.id}) }
                                AND NOT EXISTS { MATCH (x:DatasetVersion {datasetId: n.id}) WHERE x.containsPersonalData }))`,
    params: f,
  });
