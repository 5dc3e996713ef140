import { Directive, Field, Float, ID, ObjectType } from "type-graphql";
import { connectionTypes } from "../../../runtime/connection.js";

@ObjectType({ description: "A search hit; kind uses the same names as LineageNode.kind" })
@Directive("@authenticated")
export class SearchHit {
  @Field(() => ID) id!: string;
  @Field(() => String) kind!: string;
  @Field(() => String, { description: "A short human-readable label, as in lineage views" }) label!: string;
  @Field(() => Float, { description: "Relevance (Lucene score); hits are ranked by name match first (see Query.search), then by this score" }) score!: number;
}

// The contract names the edge SearchHitEdge and the connection SearchConnection.
export const SearchConnection = connectionTypes("SearchHit", SearchHit, "SearchConnection").Connection;
