import { read } from "../../../runtime/db.js";
import { versionUuid } from "./marquez.js";

type Obj = Record<string, any>;
/** Most column nodes one answer holds. */
export const MAX_COLUMN_NODES = 2000;

interface FieldEdge {
  /** The derived column and the column it derives from, as `<dataset nodeKey>|<field>`. */
  out: string;
  in: string;
  transformation: string | null;
}

const LEVEL = `
  UNWIND $keys AS k
  MATCH (:Dataset {nodeKey: k.ds})<-[:VERSION_OF]-(:DatasetVersion)<-[:FIELD_OF]-(f:DatasetField {name: k.field})
  MATCH (f)-[r:FIELD_DERIVED_FROM]-(g:DatasetField)-[:FIELD_OF]->(:DatasetVersion)-[:VERSION_OF]->(gd:Dataset)
  WITH k, f, r, g, gd WHERE startNode(r) = f OR $down
  RETURN DISTINCT k.ds + '|' + k.field AS key, gd.nodeKey + '|' + g.name AS other, startNode(r) = f AS upstream, r.transformation AS transformation
  LIMIT $limit`;

const DATASETS = `
  UNWIND $keys AS key
  MATCH (d:Dataset {nodeKey: key})
  CALL (d) { OPTIONAL MATCH (v:DatasetVersion {datasetId: d.id}) WITH v ORDER BY v.writtenAt DESC, v.createdAt DESC LIMIT 1 RETURN v }
  CALL (v) { OPTIONAL MATCH (v)-[h:HAS_SCHEMA]->(s:DatasetSchema) WITH s ORDER BY h.at DESC LIMIT 1 RETURN s.facet AS schema }
  RETURN key, d.namespace AS namespace, d.name AS name, v.id AS versionId, schema`;

const split = (key: string) => ({ ds: key.slice(0, key.lastIndexOf("|")), field: key.slice(key.lastIndexOf("|") + 1) });

/**
 * The column lineage around a dataset (all its columns that have lineage) or one column
 * (`field`), breadth-first to `depth`: upstream (the columns each derives from), and downstream
 * too when asked. Null when the dataset does not exist.
 */
export function columnGraph(dsKey: string, field: string | null, depth: number, downstream: boolean) {
  return read({ op: "marquezColumnLineage" }, async (tx) => {
    const found = await tx.one<{ fields: string[] }>({
      cypher: `MATCH (d:Dataset {nodeKey: $ds}) OPTIONAL MATCH (d)<-[:VERSION_OF]-(:DatasetVersion)<-[:FIELD_OF]-(f:DatasetField) RETURN d.id AS id, collect(DISTINCT f.name) AS fields`,
      params: { ds: dsKey },
    });
    if (!found) return null;
    const start = field === null ? found.fields : found.fields.filter((f) => f === field);
    const seen = new Set(start.map((f) => `${dsKey}|${f}`));
    const edges = new Map<string, FieldEdge>();
    let frontier = [...seen];
    for (let level = 0; level < depth && frontier.length > 0 && seen.size < MAX_COLUMN_NODES; level++) {
      const rows = await tx.run<{ key: string; other: string; upstream: boolean; transformation: string | null }>({
        cypher: LEVEL,
        params: { keys: frontier.map(split), down: downstream, limit: MAX_COLUMN_NODES * 4 },
      });
      const next: string[] = [];
      for (const r of rows) {
        if (!seen.has(r.other) && seen.size < MAX_COLUMN_NODES) {
          seen.add(r.other);
          next.push(r.other);
        }
        const e = r.upstream ? { out: r.key, in: r.other } : { out: r.other, in: r.key };
        edges.set(`${e.out}>${e.in}`, { ...e, transformation: r.transformation });
      }
      frontier = next;
    }
    const keys = [...seen];
    const datasets = await tx.run<Obj>({ cypher: DATASETS, params: { keys: [...new Set(keys.map((k) => split(k).ds))] } });
    return { keys, edges: [...edges.values()].filter((e) => seen.has(e.out) && seen.has(e.in)), datasets };
  });
}

/** Marquez's column-lineage graph: DATASET_FIELD nodes, edges from the input column to the derived one. */
export function toColumnLineage(g: NonNullable<Awaited<ReturnType<typeof columnGraph>>>) {
  const ds = new Map(g.datasets.map((d) => [d.key as string, d]));
  const id = (key: string) => {
    const { ds: dsKey, field } = split(key);
    return `datasetField:${dsKey.slice("dataset:".length)}:${field}`;
  };
  const ref = (key: string) => {
    const d = ds.get(split(key).ds)!;
    return { namespace: d.namespace, dataset: d.name, datasetVersion: d.versionId ? versionUuid(d.versionId) : null, field: split(key).field };
  };
  const type = (t: string | null) => (t ? t.split(",")[0].split("/")[0].trim() : null);
  const graph = g.keys.filter((k) => ds.has(split(k).ds)).map((key) => {
    const d = ds.get(split(key).ds)!;
    const fieldType = d.schema ? ((JSON.parse(d.schema).fields ?? []) as Obj[]).find((f) => f.name === split(key).field)?.type ?? null : null;
    const inputs = g.edges.filter((e) => e.out === key);
    return {
      id: id(key),
      type: "DATASET_FIELD",
      data: {
        ...ref(key),
        fieldType,
        transformationDescription: inputs[0]?.transformation ?? null,
        transformationType: type(inputs[0]?.transformation ?? null),
        inputFields: inputs.map((e) => ({ ...ref(e.in), transformationDescription: e.transformation, transformationType: type(e.transformation) })),
      },
      inEdges: inputs.map((e) => ({ origin: id(e.in), destination: id(key) })),
      outEdges: g.edges.filter((e) => e.in === key).map((e) => ({ origin: id(key), destination: id(e.out) })),
    };
  });
  return { graph };
}
