/**
 * The conformity-assessment route of a high-risk system (Art. 43), derived from its recorded
 * facts. Pure, so each rule has a unit test.
 */

export interface RouteFacts {
  highRisk: boolean;
  annexIIIArea: string | null;
  annexISafetyComponent: boolean | null;
  harmonisedStandards: string[];
  notifiedBody: string | null;
}

export interface ConformityRoute {
  /** The procedure, in words; null when the graph cannot tell. */
  procedure: string | null;
  article: string;
  /** Whether a notified body takes part; null when unknown. */
  notifiedBodyRequired: boolean | null;
  /** Why the route could not be derived, when procedure is null. */
  unknown: string | null;
}

const INTERNAL = "conformity assessment based on internal control (Annex VI)";
const NOTIFIED = "assessment of the quality management system and the technical documentation with a notified body (Annex VII)";

export function conformityRoute(f: RouteFacts): ConformityRoute {
  if (!f.highRisk) return { procedure: "none required: the system is not high-risk", article: "Art. 43 (applies to high-risk systems only)", notifiedBodyRequired: false, unknown: null };
  // Art. 43(3): high-risk under Art. 6(1) follows the procedure of the Annex I legislation, with its notified body.
  if (f.annexISafetyComponent === true) {
    return { procedure: "the conformity assessment of the relevant Annex I Union harmonisation legislation, with the Annex VII requirements as part of it", article: "Art. 43(3)", notifiedBodyRequired: true, unknown: null };
  }
  // Art. 43(1): Annex III point 1 (biometrics): Annex VI only where harmonised standards were applied; else Annex VII.
  if (f.annexIIIArea === "BIOMETRICS") {
    if (f.notifiedBody) return { procedure: NOTIFIED, article: "Art. 43(1)", notifiedBodyRequired: true, unknown: null };
    if (f.harmonisedStandards.length) return { procedure: `${INTERNAL}, chosen under Art. 43(1) because harmonised standards were applied`, article: "Art. 43(1)(a)", notifiedBodyRequired: false, unknown: null };
    return { procedure: NOTIFIED, article: "Art. 43(1), second subparagraph: no harmonised standard recorded as applied", notifiedBodyRequired: true, unknown: null };
  }
  // Art. 43(2): Annex III points 2 to 8 follow internal control, without a notified body.
  if (f.annexIIIArea) return { procedure: INTERNAL, article: "Art. 43(2)", notifiedBodyRequired: false, unknown: null };
  return { procedure: null, article: "Art. 43", notifiedBodyRequired: null, unknown: "neither an Annex III area nor an Annex I product is recorded, so the route of Art. 43(1)-(3) is unknown" };
}
