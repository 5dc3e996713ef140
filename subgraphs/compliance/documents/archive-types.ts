import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../../runtime/scalars.js";
import { DocumentFormat, DocumentStatus } from "../docs/doc-types.js";
import { SystemDocumentKind } from "./system-documents.js";

@ObjectType({ description: "An issued document as archived: content-addressed, signed, kept ten years (Art. 18); regenerating it with asOf = issuedAt gives the same bytes and signature" })
export class IssuedDocument {
  @Field(() => ID, { description: '"idoc:<sha256 hex of the content>"' }) id!: string;
  @Field(() => SystemDocumentKind) kind!: SystemDocumentKind;
  @Field(() => ID) subjectId!: string;
  @Field(() => DocumentFormat) format!: DocumentFormat;
  @Field(() => String) schema!: string;
  @Field(() => String, { description: '"sha256:<hex>" of content' }) digest!: string;
  @Field(() => String, { description: "Compact JWS over {digest, format, generatedAt, schema, subjectId}; generatedAt = issuedAt" }) signature!: string;
  @Field(() => String) content!: string;
  @Field(() => DocumentStatus) status!: DocumentStatus;
  @Field(() => [String]) blockers!: string[];
  @Field(() => DateTimeScalar, { description: "The instant the graph was read at; the document's generatedAt and asOf" }) issuedAt!: string;
  @Field(() => String, { description: "The `sub` of the token that issued it" }) issuedBy!: string;
  @Field(() => DateTimeScalar, { description: "issuedAt + 10 years (Art. 18(1)); the archive has no way to delete it before" }) retainUntil!: string;
}
