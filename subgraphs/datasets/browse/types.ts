import { Field, InputType } from "type-graphql";
import { connectionTypes } from "../../../runtime/connection.js";
import { Dataset } from "../types.js";

export const DatasetConnection = connectionTypes("Dataset", Dataset).Connection;

@InputType({ description: "Every given field must match" })
export class DatasetFilter {
  @Field(() => String, { nullable: true, description: "Case-insensitive substring of the name" }) nameContains?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "true: some version contains personal data; false: it has versions and none does (a dataset without versions is not recorded either way, so it matches neither)",
  })
  containsPersonalData?: boolean | null;
}
