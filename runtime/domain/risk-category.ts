import { registerEnumType } from "type-graphql";

/** AI Act risk tiers (Art. 5 prohibited practices, Art. 6 high-risk, Art. 50 transparency, the rest minimal). Shared by the models and compliance subgraphs, which both expose the enum. */
export enum RiskCategory { PROHIBITED = "PROHIBITED", HIGH = "HIGH", LIMITED = "LIMITED", MINIMAL = "MINIMAL" }
registerEnumType(RiskCategory, { name: "RiskCategory" });
