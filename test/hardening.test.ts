// Unit tests of issue 10's start-up checks and identity rule (no database).
import { describe, expect, it } from "vitest";
import { identityOf, normaliseSubject } from "../runtime/auth/identity.js";
import { checkAssertionAlgorithms, checkDevIssuerExposure } from "../runtime/startup-checks.js";
import { startGateway } from "../gateway/index.js";

describe("CLIENT_ASSERTION_ALGORITHMS", () => {
  it("refuses symmetric and unsigned algorithms, keeps asymmetric ones", () => {
    expect(checkAssertionAlgorithms(["ES256", "EdDSA", "PS256", "RS256"])).toEqual(["ES256", "EdDSA", "PS256", "RS256"]);
    for (const bad of ["HS256", "HS512", "none"]) expect(() => checkAssertionAlgorithms(["ES256", bad])).toThrow(new RegExp(`${bad} refused`));
  });
});

describe("dev issuer on a network address", () => {
  it("refuses to start unless allowed, with one line saying why", async () => {
    expect(() => checkDevIssuerExposure("0.0.0.0", false, false)).toThrow(/^refusing to start: HOST=0\.0\.0\.0 is not loopback and the dev issuer is on[^\n]*ALLOW_DEV_ISSUER_ON_NETWORK=1$/);
    for (const host of ["127.0.0.1", "localhost", "::1"]) expect(() => checkDevIssuerExposure(host, false, false)).not.toThrow();
    expect(() => checkDevIssuerExposure("0.0.0.0", true, false)).not.toThrow();
    expect(() => checkDevIssuerExposure("0.0.0.0", false, true)).not.toThrow();
    // The gateway itself refuses before it binds anything.
    await expect(startGateway({ port: 0, host: "0.0.0.0", subgraphs: {}, production: false })).rejects.toThrow(/refusing to start/);
  });
});

describe("identities", () => {
  it("normalise subjects (NFKC, trimmed, invisible characters removed, case-insensitive) and keep issuers apart", () => {
    for (const s of ["Alice", " alice ", "alice\u200b", "\u200dALICE", "\uff41lice"]) expect(normaliseSubject(s)).toBe("alice");
    expect(identityOf({ sub: "Alice", iss: "urn:a" })).toBe(identityOf({ sub: "alice ", iss: "urn:a" }));
    expect(identityOf({ sub: "alice", iss: "urn:a" })).not.toBe(identityOf({ sub: "alice", iss: "urn:b" }));
    expect(normaliseSubject("alicia")).not.toBe("alice");
  });
});
