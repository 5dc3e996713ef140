import { mapper, num, oneOf, optNum, optText, text } from "../../runtime/graph/mapper.js";
import { SiteKind, type ComputeAllocation, type GpuCluster, type Site } from "./types.js";

/** Node properties to the gpu subgraph's classes (runtime/graph/mapper.ts). */

export const toSite = mapper<Site>({ id: text, name: text, country: text, sovereigntyZone: optText, kind: oneOf(SiteKind), operator: optText, createdAt: text });

export const toCluster = mapper<GpuCluster>({ id: text, name: text, gpuModel: text, gpuCount: num, createdAt: text, siteId: text });

export const toAllocation = mapper<ComputeAllocation>({
  id: text, gpuCount: num, startedAt: text, endedAt: optText, gpuHours: optNum, energyKWh: optNum, createdAt: text, clusterId: text,
});
