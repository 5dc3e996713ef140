// `npm run screenshots`: the README's pictures of the Lineage Explorer, taken from a running stack
// seeded with `npm run seed -- --scale small`. Walks the page as a person would (sign in by
// pasting a token, search, open the hiring system, its decision trace, the lineage behind it),
// prints what each view showed, and fails on any page error or refused CSP rule.
// GATEWAY_URL (else LINEAGE_URL, else http://127.0.0.1:$PORT); the same DATA_DIR as the stack,
// whose dev issuer signs the token (as `npm run token` does).
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Page } from "playwright-core";
import { baseUrl, call, runTool, toolToken, ToolError } from "./client.js";

const USAGE = "usage: npm run screenshots -- [--out docs/img] [--decision dec-hiring-1.0-dub-0000000] [--search TalentMatch]";
const SCOPES = ["lineage:read", "reports:read", "audit:read"];

runTool(async () => {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: "docs/img" },
      // The seed's first decision of the hiring model at its Dublin deployment (tools/seed: sovereigntyGapDecision).
      decision: { type: "string", default: "dec-hiring-1.0-dub-0000000" },
      search: { type: "string", default: "TalentMatch" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return console.log(USAGE);
  const base = (process.env.GATEWAY_URL ?? baseUrl()).replace(/\/graphql\/?$/, "").replace(/\/+$/, "");
  const token = await toolToken("explorer-screenshots", SCOPES);
  const { traceDecision } = await call(token, `query($id: ID!) { traceDecision(id: $id) { complete gaps approvals { id } } }`, { id: values.decision }, base);
  if (!traceDecision) throw new ToolError(`no decision ${values.decision} at ${base}: seed the stack first (npm run seed -- --scale small)`);
  await fs.mkdir(values.out!, { recursive: true });

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  const problems: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    const shot = async (name: string) => {
      const file = path.join(values.out!, `explorer-${name}.png`);
      await page.screenshot({ path: file });
      console.log(`  wrote ${file}`);
    };

    // Sign in on the link a person was given: the page keeps it and lands there afterwards.
    await page.goto(`${base}/explorer/#/search?q=${encodeURIComponent(values.search!)}`);
    await page.locator("#token").fill(token);
    await page.getByRole("button", { name: "Sign in with this token" }).click();
    await page.locator("#result-count").waitFor();
    console.log(`search "${values.search}": ${await page.locator("#result-count").textContent()}`);
    await shot("search");

    await page.locator(".hits li", { hasText: "AISystem" }).first().locator("a").click();
    await page.locator("#annex-completeness").waitFor();
    console.log(`system "${await page.locator("h1").textContent()}": Annex IV ${await page.locator("#annex-completeness").textContent()}`);
    await shot("system");

    await page.goto(`${base}/explorer/#/trace/${encodeURIComponent(values.decision!)}`);
    await page.locator("#graph[data-ready=true]").waitFor();
    await signaturesChecked(page, traceDecision.approvals.length);
    console.log(`trace ${values.decision}: ${await page.locator("#trace-verdict").textContent()}`);
    for (const g of await page.locator("#gaps li").allTextContents()) console.log(`  gap: ${g}`);
    console.log(`  signatures: ${(await page.locator("td.signature").allTextContents()).join("; ")}`);
    await shot("trace");

    await page.getByRole("link", { name: "draw upstream" }).click();
    await page.locator("#graph[data-ready=true]").waitFor();
    const status = page.locator("#graph-status");
    console.log(`lineage "${await page.locator("h1").textContent()}": ${await status.textContent()} (API answered ${await status.getAttribute("data-api-nodes")} nodes)`);
    await page.locator(".node-list button", { hasText: "DatasetVersion" }).first().click();
    await page.locator("#node-facts h2").waitFor();
    await shot("lineage");
  } finally {
    await browser.close();
  }
  if (problems.length) throw new ToolError(`the page reported errors:\n  ${problems.join("\n  ")}`);
});

/** Every approval's signature has been checked in the page (verified or not: the text says which). */
async function signaturesChecked(page: Page, approvals: number) {
  if (approvals > 0) await page.locator("td.signature[data-verified]").nth(approvals - 1).waitFor();
}
