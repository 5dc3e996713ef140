import type { Identity } from "../api.js";
import type { ClusterSpec, SiteSpec } from "./types.js";

/**
 * The people and services the demo world is built by. Approvers never register what they
 * decide on (four-eyes), and only operators register sites and clusters.
 */
export const PEOPLE = {
  admin: { sub: "ops-platform-admin", scopes: ["admin"] },
  pipeline: { sub: "ml-pipeline", scopes: ["lineage:write", "lineage:read"] },
  riskManager: { sub: "risk-manager.lena.vogt", scopes: ["lineage:write", "lineage:read"] },
  approver: { sub: "model-risk.dr.jonas.weber", scopes: ["approvals:decide", "lineage:read"] },
  officer: { sub: "compliance-officer.marie.dubois", scopes: ["approvals:decide", "lineage:read"] },
  inference: { sub: "inference-gateway", scopes: ["lineage:write"] },
  reviewer: { sub: "oversight.tomas.novak", scopes: ["lineage:write", "lineage:read"] },
} satisfies Record<string, Identity>;

// Four EU sites and one in the US: training EU personal data there is the sovereignty finding.
export const SITES: SiteSpec[] = [
  { key: "fra", name: "Frankfurt FRA-2 colocation", country: "DE", sovereigntyZone: "EU", kind: "COLOCATION", operator: "Mainhattan Colo GmbH" },
  { key: "par", name: "Paris eu-west-3 cloud region", country: "FR", sovereigntyZone: "EU", kind: "CLOUD", operator: "Nimbus Cloud SAS" },
  { key: "sto", name: "Stockholm HPC centre", country: "SE", sovereigntyZone: "EU", kind: "COLOCATION", operator: "Nordic Compute AB" },
  { key: "dub", name: "Dublin head-office data room", country: "IE", sovereigntyZone: "EU", kind: "ON_PREM", operator: "Lumen Bank AG" },
  { key: "iad", name: "Ashburn us-east-1 cloud region", country: "US", sovereigntyZone: "US", kind: "CLOUD", operator: "Nimbus Cloud Inc." },
];

export const CLUSTERS: ClusterSpec[] = [
  { key: "fra-h100", site: "fra", name: "fra2-h100-pod-a", gpuModel: "NVIDIA H100 SXM5 80GB", gpuCount: 64 },
  { key: "par-a100", site: "par", name: "euw3-a100-training", gpuModel: "NVIDIA A100 80GB", gpuCount: 32 },
  { key: "sto-mi300x", site: "sto", name: "sto-mi300x-1", gpuModel: "AMD Instinct MI300X", gpuCount: 16 },
  { key: "dub-l40s", site: "dub", name: "dub-l40s-inference", gpuModel: "NVIDIA L40S", gpuCount: 8 },
  { key: "iad-h100", site: "iad", name: "use1-h100-burst", gpuModel: "NVIDIA H100 SXM5 80GB", gpuCount: 256 },
];
