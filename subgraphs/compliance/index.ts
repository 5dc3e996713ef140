import { buildFederatedSchema } from "../../runtime/federation.js";
import { serveSubgraph } from "../../runtime/subgraph-server.js";
import { AuditResolver } from "./audit-resolvers.js";
import { LineageResolver } from "./lineage-resolvers.js";
import { TraceResolver } from "./trace-resolvers.js";

/** The compliance subgraph: cross-cutting reads (traces, lineage, impact), AI Act documents, the audit log. */
export const schema = () => buildFederatedSchema({ resolvers: [AuditResolver, TraceResolver, LineageResolver] });

export const start = async ({ port, host = "127.0.0.1" }: { port: number; host?: string }) =>
  serveSubgraph("compliance", await schema(), port, host);
