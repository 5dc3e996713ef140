import { describe, expect, it } from "vitest";
import { requireRecordedBy } from "../runtime/errors.js";

// Documents regenerated "as of" an instant (docs/ai-act.md, documents as they were): a subject
// recorded after asOf did not exist then, so it is NOT_FOUND, saying when it was recorded.
describe("requireRecordedBy: a record read as of an instant before it existed", () => {
  const created = "2026-05-01T10:00:00.000Z";

  it("is NOT_FOUND with the time it was recorded and the asOf asked for", () => {
    let error: unknown;
    try {
      requireRecordedBy("Decision", "dec_1", created, "2026-04-30T23:59:59.999Z");
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      message: "Decision dec_1 was recorded at 2026-05-01T10:00:00.000Z, after asOf 2026-04-30T23:59:59.999Z: it did not exist then",
      extensions: { code: "NOT_FOUND", id: "dec_1" },
    });
  });

  it("passes when recorded at or before asOf, and always without asOf", () => {
    expect(() => requireRecordedBy("Decision", "dec_1", created, created)).not.toThrow();
    expect(() => requireRecordedBy("Decision", "dec_1", created, "2026-05-02T00:00:00.000Z")).not.toThrow();
    expect(() => requireRecordedBy("Decision", "dec_1", created, null)).not.toThrow();
  });
});
