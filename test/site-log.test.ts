import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { tempDir } from "./support/recorder.js";

// The site log's group commit (site-recorder/log.ts), in a process of its own with nothing else
// keeping it alive: an append that waited for a write that never started would leave Node with
// no work and an unsettled await (exit code 13) instead of printing its sequences.
const SCRIPT = `
import { SiteLog } from "./site-recorder/log.ts";
const log = await SiteLog.open(process.argv[1], { maxBytes: 1e9 });
const seqs = [];
for (let i = 0; i < 3; i++) seqs.push((await log.append([{ kind: "decision", body: { id: "d" + i } }]))[0].seq);
await log.close();
console.log(JSON.stringify(seqs));
`;

describe("site log: group commit", () => {
  it("writes an append made as soon as the previous one was acknowledged (a caller sending one request after another)", async () => {
    const { code, out } = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile(process.execPath, ["--import", "tsx", "--input-type=module", "-e", SCRIPT, tempDir("site-log")], (err, stdout) => resolve({ code: err ? Number(err.code) : 0, out: stdout })),
    );
    expect({ code, out: out.trim() }).toEqual({ code: 0, out: "[1,2,3]" });
  });
});
