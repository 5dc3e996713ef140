import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../../../runtime/scalars.js";

export enum DocumentFormat { MARKDOWN = "MARKDOWN", HTML = "HTML", JSON = "JSON" }
registerEnumType(DocumentFormat, { name: "DocumentFormat" });
export enum DocumentStatus { ISSUABLE = "ISSUABLE", DRAFT = "DRAFT", NOT_APPLICABLE = "NOT_APPLICABLE" }
registerEnumType(DocumentStatus, { name: "DocumentStatus", description: "ISSUABLE only when nothing blocks it; DRAFT names its blockers; NOT_APPLICABLE: the law does not call for it here" });

@ObjectType({ description: "A fact a document needs that the graph lacks" })
export class MissingFact {
  @Field(() => String, { description: "Section number" }) section!: string;
  @Field(() => String, { description: "Label of the entity to complete, e.g. DatasetVersion" }) entity!: string;
  @Field(() => String, { description: "Its id" }) id!: string;
  @Field(() => String, { description: "The field to fill in" }) field!: string;
  @Field(() => String, { description: "What the fact is, the article that asks for it, and how to record it" }) hint!: string;
}

@ObjectType({ description: "Completeness of one section" })
export class DocumentSection {
  @Field(() => String) number!: string;
  @Field(() => String) title!: string;
  @Field(() => Float, { description: "0..1 over the facts this section needs (1 when it needs none)" }) completeness!: number;
  @Field(() => Int, { description: "How many facts the section needs" }) facts!: number;
  @Field(() => [String]) missing!: string[];
  @Field(() => [String], { description: "Ids of the graph nodes the section was built from" }) sources!: string[];
}

@ObjectType({ description: "An AI Act document generated from the graph, signed with the service key" })
export class ComplianceDocument {
  @Field(() => DocumentFormat) format!: DocumentFormat;
  @Field(() => String) content!: string;
  @Field(() => Float, { description: "0..1, over every fact the document needs" }) completeness!: number;
  @Field(() => [String], { description: "Each names the entity and field to fill in" }) missing!: string[];
  @Field(() => DateTimeScalar) generatedAt!: string;
  @Field(() => String, { description: '"sha256:<hex>" of content (UTF-8)' }) digest!: string;
  @Field(() => String, {
    description: "Compact JWS (EdDSA, typ document+jws) whose payload is the canonical JSON of {digest, format, generatedAt, schema, subjectId}; verify it with /.well-known/jwks.json",
  })
  signature!: string;
  @Field(() => String, { description: 'Document kind and version, e.g. "annex-iv/1" (docs/annex-iv-schema.md)' }) schema!: string;
  @Field(() => String, { description: "Id of the system, incident or model version documented" }) subjectId!: string;
  @Field(() => [DocumentSection]) sections!: DocumentSection[];
  @Field(() => DocumentStatus) status!: DocumentStatus;
  @Field(() => [String], { description: "Why it is not ISSUABLE, each naming the article and the missing record" }) blockers!: string[];
  @Field(() => DateTimeScalar, { nullable: true, description: "The instant the graph was read at (null: now)" }) asOf?: string | null;
  @Field(() => [MissingFact]) missingFacts!: MissingFact[];
}
