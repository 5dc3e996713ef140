import { mapper, optBool, optNum, optText, text, type Read } from "../../runtime/graph/mapper.js";
import type { Props } from "../../runtime/mutation.js";
import type { Dataset, DatasetVersion, Derivation } from "./types.js";

/** Node properties to the datasets subgraph's classes (runtime/graph/mapper.ts). */

export const toDataset = mapper<Dataset>({ id: text, name: text, registeredBy: text, createdAt: text });

/** Facts OpenLineage does not report (digest, provenance, ...) read null: not recorded. */
export const toDatasetVersion = mapper<DatasetVersion>({
  id: text, version: text, contentDigest: optText, rowCount: optNum, provenance: optText, collectionMethod: optText,
  legalBasis: optText, containsPersonalData: optBool, jurisdiction: optText, scope: optText, characteristics: optText,
  selectionMethod: optText, originalPurpose: optText, labelling: optText, cleaning: optText, assumptions: optText,
  biasExamination: optText, biasMitigation: optText, knownGaps: optText, registeredBy: text, createdAt: text, datasetId: text,
});

const upstream: Read<DatasetVersion> = (p) => toDatasetVersion(p.from as Props);

/** A row `{ transformation, from: <upstream version's properties> }`. */
export const toDerivation = mapper<Derivation>({ from: upstream, transformation: text });
