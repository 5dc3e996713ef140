import { Arg, Ctx as Context, Field, ID, ObjectType, Query, Resolver } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { notFound } from "../../../runtime/errors.js";
import { byId } from "../../../runtime/nodes.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import { RiskCategory } from "../../../runtime/domain/risk-category.js";
import { profileOf } from "../profile/store.js";
import { classify, type Category } from "./classify.js";

@ObjectType({ description: "One step of a classification, with the article it rests on" })
export class ClassificationReason {
  @Field(() => String) article!: string;
  @Field(() => String) text!: string;
}

@ObjectType({ description: "The risk category the recorded facts give (Art. 5, 6, 50), how, and what contradicts it" })
export class RiskClassification {
  @Field(() => ID) systemId!: string;
  @Field(() => RiskCategory, { nullable: true, description: "Derived from the recorded facts; null when they do not decide it (unknowns lists what is not recorded)" }) derivedCategory?: Category | null;
  @Field(() => RiskCategory, { description: "The category the system was registered with" }) declaredCategory!: Category;
  @Field(() => Boolean, { description: "True when the facts decide the category, agree with each other and with the declared category" }) consistent!: boolean;
  @Field(() => [ClassificationReason]) reasoning!: ClassificationReason[];
  @Field(() => [String]) contradictions!: string[];
  @Field(() => [String], { description: "Facts the classification needed but the graph lacks" }) unknowns!: string[];
  @Field(() => [String]) obligations!: string[];
}

@Resolver()
export class RiskClassificationResolver {
  @Query(() => RiskClassification, { description: "Classification aid: derives the risk category from the system's facts and flags contradictions" })
  @RequiresScope("reports:read")
  async riskClassification(@Arg("systemId", () => ID) systemId: string, @Context() ctx: Ctx): Promise<RiskClassification> {
    const [system, profile] = await Promise.all([byId(ctx, "AISystem").load(systemId), profileOf(ctx, systemId)]);
    if (!system) throw notFound("AISystem", systemId);
    const c = classify({ declaredCategory: system.riskCategory as Category, annexIIIArea: (system.annexIIIArea as string | null) ?? null, profile });
    return { systemId, ...c };
  }
}
