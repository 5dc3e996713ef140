import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ENV_DEFAULTS } from "../runtime/config.js";
import { tsFiles } from "./support/cypher-scan.js";

// Every environment variable is read and validated in runtime/config.ts: one list of
// settings, one error line naming a bad one. Other modules take the typed `env`/`config`.
const CONFIG = "runtime/config.ts";
const sources = ["runtime", "gateway", "subgraphs", "tools", "site-recorder"].flatMap((d) => tsFiles(d)).filter((f) => f !== CONFIG);

/** Uses of process.env that are not reads of a setting, each with why. */
const ALLOWED: { file: RegExp; line: RegExp; why: string }[] = [
  { file: /./, line: /env: \{ \.\.\.process\.env[,}]|env: NodeJS\.ProcessEnv = \{ \.\.\.process\.env,/, why: "hands this process's environment on to a child process (the JVM, a service, a load generator), which reads its own" },
  { file: /^runtime\/neo4j\/process-util\.ts$/, line: /process\.env\.PATH\b/, why: "searches the executable PATH for a command, as `which` does: the operating system's, not a setting of this service" },
  { file: /^tools\/bench-(export|openlineage|marquez)\.ts$/, line: /process\.env\.DATA_DIR \?\?= "\.data\/bench-/, why: "a benchmark script gives itself its own state directory before runtime/config.ts loads and reads it" },
];

describe("environment reads", () => {
  it("only runtime/config.ts reads process.env (outside the uses listed with their reason)", () => {
    const stray: string[] = [];
    for (const file of sources) {
      fs.readFileSync(file, "utf8").split("\n").forEach((line, i) => {
        if (!line.includes("process.env")) return;
        if (ALLOWED.some((a) => a.file.test(file) && a.line.test(line))) return;
        stray.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(stray).toEqual([]);
    expect(sources.length).toBeGreaterThan(100);
    expect(fs.readFileSync(CONFIG, "utf8")).toContain("cleanEnv(process.env");
  });

  it("the allowances do not excuse a plain read", () => {
    const read = "const url = process.env.DRIFT_WEBHOOK_URL;";
    expect(ALLOWED.some((a) => a.file.test("subgraphs/datasets/webhook/delivery.ts") && a.line.test(read))).toBe(false);
  });
});

/** The rows of docs/configuration.md's table: names (a `SUBGRAPH_URL_<NAME>` row stands for the five) and default cells. */
function documented(): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of fs.readFileSync("docs/configuration.md", "utf8").split("\n")) {
    const cells = row.split(" | ");
    if (!row.startsWith("| `") || cells.length < 3) continue;
    const names = cells[0].replace(/^\| /, "").split(" / ").map((n) => n.replace(/`/g, "").trim());
    const defaults = cells[1].split(" / ");
    names.forEach((n, i) => {
      const d = names.length === defaults.length ? defaults[i] : cells[1];
      if (n === "SUBGRAPH_URL_<NAME>") for (const s of ["MODELS", "DATASETS", "APPROVALS", "GPU", "COMPLIANCE"]) out.set(`SUBGRAPH_URL_${s}`, d);
      else out.set(n, d);
    });
  }
  return out;
}

describe("docs/configuration.md", () => {
  it("lists exactly the variables runtime/config.ts reads", () => {
    expect([...documented().keys()].sort()).toEqual(Object.keys(ENV_DEFAULTS).sort());
  });

  it("states each default runtime/config.ts applies", () => {
    const docs = documented();
    const wrong = Object.entries(ENV_DEFAULTS)
      .filter(([, d]) => (typeof d === "number" || typeof d === "string") && d !== "")
      .filter(([name, d]) => !docs.get(name)?.includes(`\`${d}\``))
      .map(([name, d]) => `${name}: default ${d}, documented ${docs.get(name)}`);
    expect(wrong).toEqual([]);
  });
});
