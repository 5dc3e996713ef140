/** Rows one batch of OpenLineage events becomes: each array is one UNWIND statement (store.ts). */

/** A dataset version an input refers to: known, or to resolve as the latest version at `at`. */
export interface VersionRef {
  datasetId: string;
  versionId: string | null;
  at: string;
}

export interface Rows {
  /** `warnings`: the event's `format` deviations as JSON `{warnings, warningCount}`, absent when none (prepare.ts). */
  events: { id: string; kind: string; eventType: string | null; eventTime: string; producer: string; runId: string | null; jobId: string | null; datasetId: string | null; json: string; warnings?: string }[];
  jobs: { id: string; namespace: string; name: string; nodeKey: string; facts: Record<string, string> }[];
  runs: {
    id: string; name: string; jobId: string; state: string | null; eventType: string | null; at: string;
    props: Record<string, string | null>; facts: Record<string, string>;
    parent: { id: string; jobId: string; namespace: string; name: string; nodeKey: string } | null;
  }[];
  datasets: { id: string; namespace: string; name: string; nodeKey: string; facts: Record<string, string> }[];
  versions: { id: string; datasetId: string; version: string; at: string; provenance: string | null; facts: Record<string, string> }[];
  /**
   * A version's schema facet, as one content-addressed DatasetSchema (`id` hashes `facet`, its
   * canonical JSON), so the thousand versions of one table share one schema node. A null
   * versionId is filled from `ref` once resolved.
   */
  schemas: { ref: VersionRef; id: string; facet: string }[];
  io: { runId: string | null; jobId: string; datasetId: string; ref: VersionRef; direction: "READ" | "WRITE" }[];
  derivations: { outputId: string; input: VersionRef; transformation: string }[];
  fieldEdges: { output: VersionRef; outputField: string; input: VersionRef; inputField: string; transformation: string }[];
  training: { runId: string; modelVersionId: string | null; artifactDigest: string | null; at: string; inputs: { ref: VersionRef; role: string }[] }[];
}

export const emptyRows = (): Rows => ({ events: [], jobs: [], runs: [], datasets: [], versions: [], schemas: [], io: [], derivations: [], fieldEdges: [], training: [] });

/** Appends `b` to `a`, array by array. */
export function concatRows(a: Rows, b: Rows): Rows {
  for (const k of Object.keys(a) as (keyof Rows)[]) (a[k] as unknown[]).push(...(b[k] as unknown[]));
  return a;
}
