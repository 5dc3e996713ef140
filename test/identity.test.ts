// The identifier profile people are compared by (runtime/auth/identity.ts), issue 22 item 5.
import { describe, expect, it } from "vitest";
import { identityOf, isRegistrant, normaliseSubject, registrant, samePerson } from "../runtime/auth/identity.js";

const hex = (s: string) => [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`).join(" ");

/** Every look-alike of `alice` the probe got accepted as a second person, and the earlier ones. */
export const ALICE_LOOKALIKES = [
  "alice\u200E", "alice\u2062", "alice\uFE0F", "alice\u180E", "alice\u3164", "alice\u2800", "alice\u{E0020}",
  "ali\u034Fce", "\u202Aalice", "ALİCE",
  "Alice", "alice ", "alice\u200B", "\uFF41lice", "\u0430lice" /* Cyrillic a */, "a1ice", "aIice", "ali\u0441e" /* Cyrillic es */,
];

describe("samePerson: NFKC, case folding, nothing invisible, UTS #39 skeleton", () => {
  it.each(ALICE_LOOKALIKES.map((s) => [hex(s), s]))("%s is alice", (_name, s) => {
    expect(samePerson(s, "alice")).toBe(true);
  });

  it("keeps distinct people distinct", () => {
    const pairs = [
      ["alice", "alina"], ["alice", "alicia"], ["bob", "rob"], ["anna", "hanna"], ["josé", "jose"], ["zoë", "zoe"],
      ["müller", "muller"], ["李明", "李敏"], ["alice@example.com", "alice@example.org"], ["auth0|123", "auth0|124"],
      ["svc:etl-prod", "svc:etl-test"], ["jan.kowalski", "jan.kowalska"],
    ];
    for (const [a, b] of pairs) expect(samePerson(a, b), `${a} / ${b}`).toBe(false);
  });

  it("treats as one what a reader cannot tell apart, digits included (b0b is bob: decided, docs/security.md)", () => {
    for (const [a, b] of [["b0b", "bob"], ["STRASSE", "straße"], ["kim", "kirn"], ["Ｂｏｂ", "bob"]]) expect(normaliseSubject(a), `${a} / ${b}`).toBe(normaliseSubject(b));
    // Skeletons are case-sensitive: a capital I written for an l matches as written.
    expect(normaliseSubject("aIice")).not.toBe(normaliseSubject("alice"));
    expect(samePerson("aIice", "alice")).toBe(true);
  });
});

describe("identities and the registrant", () => {
  it("one issuer: look-alikes are the registrant; another issuer is another person", () => {
    const record = registrant({ sub: "alice", iss: "urn:idp", scopes: [] });
    for (const s of ALICE_LOOKALIKES) expect(isRegistrant(record, { sub: s, iss: "urn:idp" }), hex(s)).toBe(true);
    expect(isRegistrant(record, { sub: "bob", iss: "urn:idp" })).toBe(false);
    expect(isRegistrant(record, { sub: "alice", iss: "urn:other" })).toBe(false);
    expect(identityOf({ sub: "alice\u200E", iss: "urn:idp" })).toBe(record.registeredByIdentity);
  });

  it("compares records stored under the earlier normalisation by today's, from registeredBy as sent", () => {
    // Before this profile the identity held a lower-cased subject with only a few characters removed.
    const older = { registeredBy: "alice", registeredByIdentity: "urn:idp\nalice" };
    expect(isRegistrant(older, { sub: "alice\u2800", iss: "urn:idp" })).toBe(true);
    expect(isRegistrant({ registeredByIdentity: "urn:idp\nalice" }, { sub: "ALİCE", iss: "urn:idp" })).toBe(true);
    expect(isRegistrant({ registeredBy: "alice" }, { sub: "\u202Aalice", iss: "urn:any" })).toBe(true);
    expect(isRegistrant({}, { sub: "alice", iss: "urn:idp" })).toBe(false);
  });
});
