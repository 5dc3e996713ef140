import { registerEnumType } from "type-graphql";

/**
 * An approval's decision. Owned by the approvals subgraph; the compliance subgraph declares
 * `Approval.decision` as `@external` for the trace's `@provides`, so both spell the enum alike.
 */
export enum ApprovalDecision { APPROVED = "APPROVED", REJECTED = "REJECTED", REVOKED = "REVOKED" }
registerEnumType(ApprovalDecision, { name: "ApprovalDecision" });
