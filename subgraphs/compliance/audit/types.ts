import { Directive, Field, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../../runtime/scalars.js";

@ObjectType({ description: "One entry of the tamper-evident audit log: every mutation writes one in its own transaction" })
@Directive("@authenticated")
export class AuditEvent {
  @Field(() => Int) seq!: number;
  @Field(() => DateTimeScalar) at!: string;
  @Field(() => String, { description: "The `sub` of the caller" }) actor!: string;
  @Field(() => String, { nullable: true }) clientId?: string | null;
  @Field(() => String) operation!: string;
  @Field(() => String, { description: "sha256 of the canonical JSON of the mutation's input" }) variablesDigest!: string;
  @Field(() => [String], { description: "Ids the mutation touched" }) subjects!: string[];
  @Field(() => String) prevHash!: string;
  @Field(() => String, { description: "sha256 over the canonical JSON of this event's other fields" }) hash!: string;
}

@ObjectType()
@Directive("@authenticated")
export class AuditIntegrity {
  @Field(() => Boolean) verified!: boolean;
  @Field(() => Int) length!: number;
  @Field(() => String) headHash!: string;
  @Field(() => Int, { nullable: true, description: "First sequence number whose event is missing, edited or out of chain" }) firstBrokenSeq?: number | null;
  @Field(() => Boolean, { nullable: true, description: "When a checkpoint was given: whether the log still extends it" }) extendsCheckpoint?: boolean | null;
}

@ObjectType({ description: "The head of the audit chain, signed with the service key (JWKS at /.well-known/jwks.json)" })
@Directive("@authenticated")
export class AuditCheckpoint {
  @Field(() => Int) length!: number;
  @Field(() => String) headHash!: string;
  @Field(() => DateTimeScalar) at!: string;
  @Field(() => String, { description: "Compact JWS (typ audit-checkpoint+jws) whose payload is {length, headHash, at}" }) jws!: string;
}
