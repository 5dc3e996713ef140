import { sha256Hex } from "../../runtime/canonical.js";
import type { Api } from "./api.js";
import { applyApprovals, type Decided } from "./approvals.js";
import { DATASET_VERSIONS } from "./catalogue/datasets.js";
import { CLUSTERS, PEOPLE, SITES } from "./catalogue/infra.js";
import * as op from "./operations.js";

/** What the builders share: the API, the name prefix, and the ids the API gave each catalogue key. */
export interface Building {
  api: Api;
  /** Prepended to every name (tests keep their world apart with it). */
  prefix: string;
  ids: Map<string, string>;
  /** Every approval decided or found, for the time decisions may start. */
  approvals: Decided[];
  log: (line: string) => void;
}

/** The id a catalogue key was registered under (a missing key is a bug in the catalogue). */
export const idOf = (b: Building, key: string): string => {
  const id = b.ids.get(key);
  if (!id) throw new Error(`seed catalogue: "${key}" is used before it is registered`);
  return id;
};

/** Records the id a catalogue key was registered under; keys are unique across the whole catalogue. */
export const remember = (b: Building, key: string, id: string): void => {
  const known = b.ids.get(key);
  if (known && known !== id) throw new Error(`seed catalogue: the key "${key}" names two records`);
  b.ids.set(key, id);
};

/** A fixed digest for a piece of demo content: same content, same digest, on every run. */
export const digestOf = (...parts: string[]): string => `sha256:${sha256Hex(parts.join("\n"))}`;

/** Sites and GPU clusters, registered by an operator (scope admin). */
export async function buildInfrastructure(b: Building): Promise<void> {
  for (const s of SITES) {
    const { key, name, ...rest } = s;
    const res = await b.api.call(PEOPLE.admin, op.REGISTER_SITE, { i: { name: b.prefix + name, ...rest } });
    remember(b, key, res.registerSite.id);
  }
  for (const c of CLUSTERS) {
    const res = await b.api.call(PEOPLE.admin, op.REGISTER_CLUSTER, {
      i: { siteId: idOf(b, c.site), name: b.prefix + c.name, gpuModel: c.gpuModel, gpuCount: c.gpuCount },
    });
    remember(b, c.key, res.registerGpuCluster.id);
  }
  b.log(`${SITES.length} sites, ${CLUSTERS.length} GPU clusters`);
}

/** Datasets and their versions with derivations, each version approved by a data steward. */
export async function buildDatasets(b: Building): Promise<void> {
  const datasets = new Map<string, string>();
  for (const v of DATASET_VERSIONS) {
    let datasetId = datasets.get(v.dataset);
    if (!datasetId) {
      datasetId = (await b.api.call(PEOPLE.pipeline, op.REGISTER_DATASET, { i: { name: b.prefix + v.dataset } })).registerDataset.id as string;
      datasets.set(v.dataset, datasetId);
    }
    const { key, dataset, derivedFrom, facts, ...rest } = v;
    const res = await b.api.call(PEOPLE.pipeline, op.REGISTER_DATASET_VERSION, {
      i: {
        datasetId,
        ...rest,
        ...facts,
        contentDigest: digestOf(b.prefix, dataset, v.version),
        derivedFrom: (derivedFrom ?? []).map((d) => ({ datasetVersionId: idOf(b, d.from), transformation: d.transformation })),
      },
    });
    remember(b, key, res.registerDatasetVersion.id);
  }
  for (const v of DATASET_VERSIONS) {
    b.approvals.push(...(await applyApprovals(b.api, idOf(b, v.key), "DATASET_VERSION", [
      { decision: "APPROVED", by: "approver", rationale: "Data governance checklist (Art. 10) complete: provenance, legal basis, bias examination reviewed" },
    ])));
  }
  b.log(`${datasets.size} datasets, ${DATASET_VERSIONS.length} dataset versions (approved)`);
}
