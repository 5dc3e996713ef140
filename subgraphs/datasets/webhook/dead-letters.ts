import { Arg, Field, ID, Int, ObjectType, Query, Resolver } from "type-graphql";
import { pageSize } from "../../../runtime/nodes.js";
import { DateTimeScalar } from "../../../runtime/scalars.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import { deadLetters } from "./outbox.js";

@ObjectType({ description: "A drift webhook event that every attempt failed to deliver (DRIFT_WEBHOOK_MAX_ATTEMPTS)" })
export class WebhookDeadLetter {
  @Field(() => ID, { description: "The event id receivers deduplicate by (x-drift-event-id)" }) id!: string;
  @Field(() => ID) reportId!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true, description: "Why the last attempt failed" }) lastError?: string | null;
  @Field(() => Int, { nullable: true }) lastHttpStatus?: number | null;
  @Field(() => DateTimeScalar) createdAt!: string;
  @Field(() => DateTimeScalar, { nullable: true }) lastAttemptAt?: string | null;
}

@Resolver()
export class WebhookDeadLetterResolver {
  @Query(() => [WebhookDeadLetter], { description: "Drift webhook events no receiver acknowledged, last attempt first; first: default 50, at most 500" })
  @RequiresScope("lineage:read")
  webhookDeadLetters(@Arg("first", () => Int, { nullable: true }) first?: number) {
    return deadLetters(pageSize(first));
  }
}
