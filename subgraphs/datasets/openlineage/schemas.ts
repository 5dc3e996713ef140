import { readFileSync } from "node:fs";
import path from "node:path";

const DIR = path.join(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "schemas");
const load = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(DIR, file), "utf8"));

/** The OpenLineage spec version events are validated against. */
export const SPEC_VERSION = "2-0-2";

/** The core event schema (RunEvent, DatasetEvent, JobEvent). */
export const coreSchema = load("OpenLineage.json");

/** Where standard facets sit in an event, with the schemas of the ones we know. */
export const facetGroups = {
  run: load("facets/run-facets.json"),
  job: load("facets/job-facets.json"),
  dataset: load("facets/dataset-facets.json"),
  inputDataset: load("facets/input-dataset-facets.json"),
  outputDataset: load("facets/output-dataset-facets.json"),
};
export type FacetGroup = keyof typeof facetGroups;

/** The custom run facet `aiLineage`, served at /api/v1/lineage/facets/aiLineage.json. */
export const aiLineageSchema = load("aiLineage.json");
export const aiLineageSchemaText = JSON.stringify(aiLineageSchema, null, 2);
export const AI_LINEAGE_FACET = "aiLineage";
