import { describe, expect, it } from "vitest";
import { chromiumPath, ensureChromium, launchBrowser } from "./support/browser.js";
import { addMonths, csvHeader, csvLine, jsonLine, type LogRecord } from "../subgraphs/compliance/docs/log-format.js";
import { Checks, score, type DocModel } from "../subgraphs/compliance/docs/model.js";
import { renderHtml } from "../subgraphs/compliance/docs/render-html.js";
import { renderJson } from "../subgraphs/compliance/docs/render-json.js";
import { renderMarkdown } from "../subgraphs/compliance/docs/render-markdown.js";

const EVIL = `<script>alert(1)</script> | [x](javascript:alert(1)) ![i](http://evil/)`;

function model(): DocModel {
  const a = new Checks();
  a.need("AISystem", "sys_1", "intendedPurpose", EVIL, "purpose");
  a.need("AISystem", "sys_1", "providerContact", null, "contact");
  const b = new Checks();
  b.need("DatasetVersion", "dsv_1", "legalBasis", "", "legal basis");
  b.need("DatasetVersion", "dsv_1", "scope", "all", "scope");
  b.need("DatasetVersion", "dsv_1", "rowCount", 0, "rows");
  b.need("ModelVersion", "mv_1", "metrics", [], "metrics");
  return {
    schema: "annex-iv/1", title: `Doc ${EVIL}`, subject: { type: "AISystem", id: "sys_1", label: "x" }, generatedAt: "2026-01-01T00:00:00.000Z",
    summary: [["Purpose", EVIL]], findings: [EVIL],
    sections: [
      { number: "1", title: "One", ref: "Annex IV(1)", blocks: [{ kind: "fields", rows: [["Purpose", EVIL], ["Contact", null]] }], data: { purpose: EVIL }, sources: ["sys_1"], checks: a.list },
      { number: "2", title: "Two", ref: "Annex IV(2)", blocks: [{ kind: "table", columns: ["a"], rows: [[EVIL]] }, { kind: "list", items: [EVIL] }, { kind: "text", text: EVIL }], data: {}, sources: ["dsv_1"], checks: b.list },
      { number: "3", title: "Three", ref: "Annex IV(3)", blocks: [], data: {}, sources: [], checks: [] },
    ],
  };
}

describe("document scoring", () => {
  it("counts present facts over needed facts, per section and overall; blank text and empty lists are missing, 0 is present", () => {
    const s = score(model());
    expect(s.sections.map((x) => [x.completeness, x.facts])).toEqual([[0.5, 2], [0.5, 4], [1, 0]]);
    expect(s.completeness).toBeCloseTo(3 / 6, 4);
    expect(s.missing.map((m) => m.text)).toEqual([
      "AISystem sys_1: providerContact missing (contact)",
      "DatasetVersion dsv_1: legalBasis missing (legal basis)",
      "ModelVersion mv_1: metrics missing (metrics)",
    ]);
    expect(s.missing[1]).toMatchObject({ section: "2", entity: "DatasetVersion", id: "dsv_1", field: "legalBasis" });
  });
});

describe("renderers never let graph values become markup", () => {
  it("HTML escapes every value and forbids scripts with its CSP", () => {
    const html = renderHtml(model(), score(model()));
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toContain('<span class="missing">not recorded</span>');
  });

  it("HTML runs no script and loads nothing in a real browser", async () => {
    const browser = await launchBrowser({ width: 1200, height: 900 });
    try {
      const page = await browser.context.newPage();
      const dialogs: string[] = [];
      const requests: string[] = [];
      page.on("dialog", (d) => { dialogs.push(d.message()); void d.dismiss(); });
      page.on("request", (r) => requests.push(r.url()));
      await page.setContent(renderHtml(model(), score(model())), { waitUntil: "load" });
      expect(dialogs).toEqual([]);
      expect(requests.filter((u) => !u.startsWith("data:") && u !== "about:blank")).toEqual([]);
      expect(await page.locator("text=<script>alert(1)</script>").count()).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  });

  it("Markdown escapes structure characters and raw HTML", () => {
    const md = renderMarkdown(model(), score(model()));
    expect(md).not.toMatch(/[^\\]<script>/);
    expect(md).toContain("\\<script\\>");
    expect(md).toContain("\\[x\\](javascript:alert(1))");
    expect(md).toContain("\\| ");
    expect(md).toContain("_not recorded_");
  });

  it("JSON carries the schema, scores, sources and structured data", () => {
    const body = JSON.parse(renderJson(model(), score(model())));
    expect(body).toMatchObject({ schema: "annex-iv/1", completeness: 0.5, facts: { needed: 6, present: 3 } });
    expect(body.sections[0]).toMatchObject({ number: "1", completeness: 0.5, sources: ["sys_1"], data: { purpose: EVIL } });
    expect(body.missing[0]).toMatchObject({ section: "1", entity: "AISystem", id: "sys_1", field: "providerContact" });
  });
});

describe("browser provisioning", () => {
  it("fails with one clear line when CHROMIUM_PATH names no browser", () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    try {
      expect(chromiumPath()).toBe("/nonexistent/chromium");
      expect(() => ensureChromium()).toThrow(/^chromium is missing at \/nonexistent\/chromium: install Debian's package \(apt-get install -y chromium\) or set CHROMIUM_PATH$/);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});

describe("log records", () => {
  it("keep calendar months in UTC, clamped to the end of shorter months", () => {
    expect(addMonths("2026-01-15T10:00:00.000Z", 6)).toBe("2026-07-15T10:00:00.000Z");
    expect(addMonths("2026-08-31T23:59:59.999Z", 6)).toBe("2027-02-28T23:59:59.999Z");
    expect(addMonths("2027-08-31T00:00:00.000Z", 6)).toBe("2028-02-29T00:00:00.000Z");
    expect(addMonths("2026-11-30T12:00:00.000Z", 15)).toBe("2028-02-29T12:00:00.000Z");
  });

  const rec: LogRecord = {
    decisionId: "=HYPERLINK(\"http://evil\")", occurredAt: "2026-01-01T00:00:00.000Z", systemId: "sys_1", modelVersionId: "mv_1", modelVersion: "scorer 1.0",
    deploymentId: null, inputDigest: `sha256:${"a".repeat(64)}`, output: { score: 0.7, note: "a,b" }, confidence: 0.9, explanation: "line1\nline2, \"quoted\"",
    reviewCount: 1, reviewOutcome: "OVERRIDDEN", reviewer: "+cmd", reviewedAt: "2026-01-02T00:00:00.000Z", reviewNote: null, overridden: true,
    overrideOutput: -1, reviews: [{ outcome: "OVERRIDDEN", reviewer: "+cmd", reviewedAt: "2026-01-02T00:00:00.000Z", note: null }], retainUntil: "2026-07-01T00:00:00.000Z",
    deploymentStartedAt: null, deploymentEndedAt: null, referenceDatabase: null, driftEvents: [], incidents: [], missing: ["deploymentId"],
  };

  it("CSV quotes what needs quoting and defuses formulas, but not JSON cells", () => {
    const line = csvLine(rec);
    expect(csvHeader().split(",")[0]).toBe("decisionId");
    // The original 19 columns keep their positions; the Art. 12 additions come after them.
    expect(csvHeader().trim().split(",").slice(18)).toEqual(["retainUntil", "deploymentStartedAt", "deploymentEndedAt", "referenceDatabase", "driftEvents", "incidents", "missing"]);
    expect(line.startsWith(`"'=HYPERLINK(""http://evil"")"`)).toBe(true);
    expect(line).toContain(`"{""score"":0.7,""note"":""a,b""}"`);
    expect(line).toContain(`"line1\nline2, ""quoted"""`);
    expect(line).toContain(",'+cmd,");
    expect(line).toContain(`,true,-1,"[{""outcome"":""OVERRIDDEN"",""reviewer"":""+cmd"",""reviewedAt"":""2026-01-02T00:00:00.000Z"",""note"":null}]",2026-07-01T00:00:00.000Z,,,,[],[],"[""deploymentId""]"\r\n`);
  });

  it("JSON Lines keep nested output keys", () => {
    expect(JSON.parse(jsonLine(rec)).output).toEqual({ score: 0.7, note: "a,b" });
  });
});
