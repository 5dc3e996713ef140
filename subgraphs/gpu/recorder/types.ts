import { Directive, Field, Float, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../../runtime/scalars.js";

@ObjectType()
@Directive("@authenticated")
export class SequenceRange {
  @Field(() => Int) from!: number;
  @Field(() => Int) to!: number;
}

@ObjectType({ description: "What the centre received from a site's recorder (docs/sites.md)" })
@Directive("@authenticated")
export class SiteRecorderStatus {
  @Field(() => Int, { description: "Highest sequence received" }) lastSequence!: number;
  @Field(() => DateTimeScalar, { nullable: true, description: "When the recorder last reported" }) lastSeenAt?: string | null;
  @Field(() => Int, { nullable: true, description: "Records the recorder reported still to send; null when unknown" }) backlog?: number | null;
  @Field(() => [SequenceRange], { description: "Sequence ranges up to lastSequence never received" }) gaps!: SequenceRange[];
  @Field(() => [Int], { description: "Sequences whose hash does not chain to the previous one (or that the site found tampered)" }) chainBreaks!: number[];
  @Field(() => Float, { nullable: true, description: "The site's clock minus the centre's at the last report, seconds" }) clockSkewSeconds?: number | null;
}
