import { Field, ID, InputType } from "type-graphql";
import { connectionTypes } from "../../../runtime/connection.js";
import { AISystem, AnnexIIIArea, Deployment, Model, RiskCategory } from "../types.js";

export const AISystemConnection = connectionTypes("AISystem", AISystem).Connection;
export const ModelConnection = connectionTypes("Model", Model).Connection;
export const DeploymentConnection = connectionTypes("Deployment", Deployment).Connection;

@InputType({ description: "Every given field must match" })
export class AISystemFilter {
  @Field(() => RiskCategory, { nullable: true }) riskCategory?: RiskCategory | null;
  @Field(() => AnnexIIIArea, { nullable: true }) annexIIIArea?: AnnexIIIArea | null;
  @Field(() => String, { nullable: true, description: "Case-insensitive substring of the name" }) nameContains?: string | null;
}

@InputType({ description: "Every given field must match" })
export class DeploymentFilter {
  @Field(() => ID, { nullable: true }) modelVersionId?: string | null;
  @Field(() => ID, { nullable: true }) siteId?: string | null;
  @Field(() => Boolean, { nullable: true, description: "true: started and not ended (endedAt null or later than now); false: ended" }) active?: boolean | null;
}
