import { buildFederatedSchema } from "../../runtime/federation.js";
import type { SubgraphService } from "../../runtime/subgraph-service.js";
import { handleExport } from "./docs/export-route.js";
import { DocumentResolver } from "./documents/resolvers.js";
import { LogExtractResolver } from "./docs/log-resolvers.js";
import { incidentReferences } from "./incidents/references.js";
import { IncidentResolver } from "./incidents/resolvers.js";
import { ComplianceProfileResolver } from "./profile/resolvers.js";
import { RiskClassificationResolver } from "./risk/resolvers.js";
import { AuditResolver } from "./audit/resolvers.js";
import { ClientResolver } from "./clients/resolvers.js";
import { LineageResolver } from "./lineage/resolvers.js";
import { SearchResolver } from "./search/resolvers.js";
import { TraceResolver } from "./trace/resolvers.js";
import { ModelReleaseResolver } from "./gpai/release.js";
import { ActDocumentResolver } from "./act/resolvers.js";
import { DeploymentComplianceResolver } from "./deployer/resolvers.js";
import { ComplianceEvidenceResolver } from "./evidence/resolvers.js";
import { DocumentArchiveResolver } from "./documents/archive-resolvers.js";
import { PerformanceInUseResolver } from "./monitoring/resolvers.js";

/** The compliance subgraph: cross-cutting reads (traces, lineage, impact), AI Act documents, the audit log. */
export const schema = () => buildFederatedSchema({ resolvers: [AuditResolver, ClientResolver, TraceResolver, LineageResolver, DocumentResolver, LogExtractResolver, IncidentResolver, ComplianceProfileResolver, RiskClassificationResolver, ModelReleaseResolver, SearchResolver, ActDocumentResolver, DeploymentComplianceResolver, ComplianceEvidenceResolver, DocumentArchiveResolver, PerformanceInUseResolver] }, incidentReferences);

/** What tools/serve.ts runs as the `compliance` service. */
export const service: SubgraphService = { name: "compliance", schema, routes: { "/exports/": handleExport } };
