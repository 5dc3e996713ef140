import { Field, InputType } from "type-graphql";
import { connectionTypes } from "../../../runtime/connection.js";
import { GpuCluster, Site } from "../types.js";

export const SiteConnection = connectionTypes("Site", Site).Connection;
export const GpuClusterConnection = connectionTypes("GpuCluster", GpuCluster).Connection;

@InputType({ description: "Every given field must match" })
export class SiteFilter {
  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2" }) country?: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. "EU"' }) sovereigntyZone?: string | null;
}
