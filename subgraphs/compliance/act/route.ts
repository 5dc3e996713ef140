import { splitStandards } from "../docs/standards.js";
import { conformityRoute } from "./conformity-route.js";
import { isHighRisk, type SystemFacts } from "./facts.js";

/** The Art. 43 route of a system from its facts; only standards cited in the Official Journal count as harmonised. */
export const routeOf = (f: SystemFacts) =>
  conformityRoute({
    highRisk: isHighRisk(f), annexIIIArea: (f.system.annexIIIArea as string | null) ?? null, annexISafetyComponent: f.profile?.annexISafetyComponent ?? null,
    harmonisedStandards: splitStandards(f.profile?.harmonisedStandards ?? []).harmonised, notifiedBody: f.profile?.notifiedBody ?? null,
  });
