import { Arg, Ctx as Context, Field, ID, Mutation, ObjectType, Resolver } from "type-graphql";
import { stableId } from "../../../runtime/canonical.js";
import type { Ctx } from "../../../runtime/context.js";
import { badInput } from "../../../runtime/errors.js";
import { mapper, text } from "../../../runtime/graph/mapper.js";
import { createOnce, mutate } from "../../../runtime/mutation.js";
import { requireIds } from "../../../runtime/nodes.js";
import { DateTimeScalar } from "../../../runtime/scalars.js";
import { RequiresScope } from "../../../runtime/scopes.js";

@ObjectType({ description: "When a model version was placed on the market (Annex XI 1(1)(c)); not the date it was registered in the graph" })
export class ModelRelease {
  @Field(() => ID) modelVersionId!: string;
  @Field(() => DateTimeScalar) releasedAt!: string;
  @Field(() => String, { description: "The `sub` of the token that recorded it" }) recordedBy!: string;
}

/** A stored ModelRelease as the API shows it (runtime/graph/mapper.ts). */
const toRelease = mapper<ModelRelease>({ modelVersionId: text, releasedAt: text, recordedBy: text });

@Resolver()
export class ModelReleaseResolver {
  @Mutation(() => ModelRelease, { description: "Records the release date of a model version (Annex XI 1(1)(c)). One per version: replaying it is a no-op, a different date is a CONFLICT." })
  @RequiresScope("lineage:write")
  recordModelRelease(@Arg("modelVersionId", () => ID) modelVersionId: string, @Arg("releasedAt", () => DateTimeScalar) releasedAt: string, @Context() ctx: Ctx): Promise<ModelRelease> {
    if (Date.parse(releasedAt) > Date.now() + 5 * 60_000) throw badInput("releasedAt", "must not be in the future");
    return mutate(ctx, "recordModelRelease", { modelVersionId, releasedAt }, async (tx) => {
      await requireIds(tx, "ModelVersion", [modelVersionId]);
      const id = stableId("mrel", modelVersionId);
      const { node, created } = await createOnce(tx, "ModelRelease", id, { modelVersionId, releasedAt }, new Date().toISOString(), { recordedBy: ctx.caller.sub });
      if (created) await tx.run({ cypher: `MATCH (r:ModelRelease {id: $id}), (v:ModelVersion {id: $mv}) CREATE (r)-[:DESCRIBES]->(v)`, params: { id, mv: modelVersionId } });
      return { result: toRelease(node), changed: created, subjects: [id, modelVersionId] };
    });
  }
}
