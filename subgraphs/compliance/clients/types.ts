import { Directive, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { DateTimeScalar, JSONScalar } from "../../../runtime/scalars.js";

@ObjectType({ description: "An integration (ML pipeline, inference service) that signs its own assertions with a key registered here" })
@Directive("@authenticated")
export class IntegrationClient {
  @Field(() => ID, { description: "The `iss` and `sub` of the client's assertions" }) clientId!: string;
  @Field(() => String) name!: string;
  @Field(() => JSONScalar, { nullable: true, description: "Its public key set (JWKS), when registered inline" }) jwks?: unknown;
  @Field(() => String, { nullable: true, description: "Where its public key set is fetched from, when not inline" }) jwksUrl?: string | null;
  @Field(() => [String], { description: "The most its assertions can ask for in `scope`" }) allowedScopes!: string[];
  @Field(() => Int, { description: "1 on registration, + 1 whenever keys, scopes or name change" }) version!: number;
  @Field(() => String, { description: "The `sub` of the admin who registered it" }) registeredBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
  @Field(() => DateTimeScalar, { nullable: true }) updatedAt?: string | null;
  @Field(() => Boolean) revoked!: boolean;
  @Field(() => DateTimeScalar, { nullable: true }) revokedAt?: string | null;
  @Field(() => String, { nullable: true }) revokedBy?: string | null;
}

@InputType({ description: "Exactly one of jwks (public keys only) or jwksUrl" })
export class RegisterClientInput {
  @Field(() => ID, { description: "3-128 characters: letters, digits and . _ : -" }) clientId!: string;
  @Field(() => String) name!: string;
  @Field(() => JSONScalar, { nullable: true, description: 'A JWK set {"keys": [...]} of public RSA (2048+), EC or Ed25519 keys' }) jwks?: unknown;
  @Field(() => String, { nullable: true, description: "An https URL serving the client's JWK set" }) jwksUrl?: string | null;
  @Field(() => [String], { description: "Scopes of the contract the client may request" }) allowedScopes!: string[];
}
