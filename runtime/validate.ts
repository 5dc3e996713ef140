import { badInput } from "./errors.js";

/** ISO 3166-1 alpha-2 codes (officially assigned). */
const ISO_COUNTRIES = new Set(
  ("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
    "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
    "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
    "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW").split(" "),
);

/** EU Member States (ISO codes), for sovereignty checks and Member State lists. */
export const EU_MEMBER_STATES = new Set(
  "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" "),
);

/** Default bound on free-text fields, in characters. */
export const MAX_TEXT = 4000;
/** Bound on names, versions and other short strings. */
export const MAX_NAME = 200;

export function text(field: string, value: string, max = MAX_TEXT, { allowEmpty = false } = {}): string {
  const v = value.trim();
  if (!allowEmpty && v.length === 0) throw badInput(field, "must not be empty");
  if (v.length > max) throw badInput(field, `must be at most ${max} characters`);
  return v;
}

export function optionalText(field: string, value: string | null | undefined, max = MAX_TEXT): string | null {
  return value === null || value === undefined ? null : text(field, value, max, { allowEmpty: true });
}

export function digest(field: string, value: string): string {
  if (!/^sha256:[0-9a-f]{64}$/.test(value)) throw badInput(field, 'must be "sha256:" followed by 64 lowercase hex digits');
  return value;
}

export function country(field: string, value: string, { allowEU = false } = {}): string {
  if (allowEU && value === "EU") return value;
  if (!ISO_COUNTRIES.has(value)) throw badInput(field, `"${value.slice(0, 10)}" is not an ISO 3166-1 alpha-2 country code${allowEU ? ' or "EU"' : ""}`);
  return value;
}

export function nonNegative(field: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value < 0) throw badInput(field, "must be a non-negative number");
  return value;
}

/** Checks `end` is not before `start` (both normalised ISO strings). */
export function ordered(field: string, start: string, end: string | null | undefined): void {
  if (end && end < start) throw badInput(field, "must not be before the start");
}

export function maxItems<T>(field: string, list: readonly T[], max: number): readonly T[] {
  if (list.length > max) throw badInput(field, `at most ${max} items`);
  return list;
}

export function fraction(field: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value < 0 || value > 1) throw badInput(field, "must be between 0 and 1");
  return value;
}
