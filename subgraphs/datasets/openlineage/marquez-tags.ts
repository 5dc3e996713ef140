import type { Caller } from "../../../runtime/auth/caller.js";
import { newContext } from "../../../runtime/context.js";
import { mutate } from "../../../runtime/mutation.js";
import { HttpError } from "./body.js";
import { datasetNodeKey, jobNodeKey } from "./mapping.js";

/** Marquez's tag names: letters, digits, `_ - . :`, at most 255 characters. */
const TAG = /^[A-Za-z0-9_\-.:]{1,255}$/;
const checkTag = (tag: string) => {
  if (!TAG.test(tag)) throw new HttpError(400, "BAD_USER_INPUT", "tag: 1 to 255 letters, digits, _ - . or :");
};

export type TagTarget = { kind: "dataset"; ns: string; name: string; field?: string } | { kind: "job"; ns: string; name: string };

// One statement per target kind and direction: the target must exist (else no row), the tag is
// created on first use, the edge is added or removed; `changed` says whether the graph changed.
const ADD = (match: string, edge: string) => `
  ${match}
  MERGE (t:Tag {name: $tag}) ON CREATE SET t.createdAt = $now, t.createdBy = $sub
  WITH n, t, EXISTS { (n)-[:${edge}]->(t) } AS had
  MERGE (n)-[:${edge}]->(t)
  RETURN n.id AS id, NOT had AS changed`;
const REMOVE = (match: string, edge: string) => `
  ${match}
  OPTIONAL MATCH (n)-[r:${edge}]->(:Tag {name: $tag})
  WITH n, collect(r) AS rs
  FOREACH (r IN rs | DELETE r)
  RETURN n.id AS id, size(rs) > 0 AS changed`;

const MATCH = { dataset: "MATCH (n:Dataset {nodeKey: $key})", job: "MATCH (n:Job {nodeKey: $key})" };

/**
 * Adds or removes a tag on a dataset, a dataset's field or a job (Marquez's tagging routes),
 * audited: the edge and its audit event commit together; a call that changes nothing writes no
 * event. A target that does not exist is 404.
 */
export async function setTag(caller: Caller, target: TagTarget, tag: string, on: boolean): Promise<void> {
  checkTag(tag);
  const key = target.kind === "job" ? jobNodeKey(target.ns, target.name) : datasetNodeKey(target.ns, target.name);
  const field = target.kind === "dataset" ? target.field : undefined;
  const edge = field === undefined ? "TAGGED" : "FIELD_TAGGED {field: $field}";
  const operation = `${on ? "tag" : "untag"}${target.kind === "job" ? "Job" : field === undefined ? "Dataset" : "DatasetField"}`;
  const found = await mutate(newContext(caller, ""), operation, { namespace: target.ns, name: target.name, field: field ?? null, tag }, async (tx) => {
    const row = await tx.one<{ id: string; changed: boolean }>({
      cypher: (on ? ADD : REMOVE)(MATCH[target.kind], edge),
      params: { key, tag, field: field ?? null, now: new Date().toISOString(), sub: caller.sub },
    });
    return { result: row !== undefined, changed: row?.changed ?? false, subjects: row ? [row.id] : [] };
  });
  if (!found) throw new HttpError(404, "NOT_FOUND", `no ${target.kind} ${target.name} in namespace ${target.ns}`);
}

/** Creates or describes a tag (`PUT /tags/{tag}`), audited. */
export async function putTag(caller: Caller, tag: string, description: string | null): Promise<void> {
  checkTag(tag);
  await mutate(newContext(caller, ""), "putTag", { tag, description }, async (tx) => {
    const row = await tx.one<{ changed: boolean }>({
      cypher: `MERGE (t:Tag {name: $tag}) ON CREATE SET t.createdAt = $now, t.createdBy = $sub
               WITH t, t.description AS before
               SET t.description = coalesce($description, t.description)
               RETURN t.createdAt = $now OR coalesce(before, '') <> coalesce(t.description, '') AS changed`,
      params: { tag, description, now: new Date().toISOString(), sub: caller.sub },
    });
    return { result: undefined, changed: row?.changed ?? false, subjects: [`tag:${tag}`] };
  });
}
