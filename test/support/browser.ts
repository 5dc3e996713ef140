import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/**
 * The one browser helper of the tests: Debian's Chromium (CHROMIUM_PATH to use another),
 * provisioned once per run by the global setup (global-chromium.ts) and launched headless with
 * a fresh profile and no background traffic, so the only requests it makes are the page's.
 */

/** Where the browser is: CHROMIUM_PATH, else Debian's package. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where e2e tests leave screenshots (gitignored). */
export const ARTEFACTS = path.resolve("test-artifacts/explorer");

const MISSING = (p: string) =>
  `chromium is missing at ${p}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`;

/**
 * Makes sure the browser exists, installing Debian's `chromium` package when it is missing and
 * we are root with apt (as on a fresh CI or dev machine). Anything else fails with one clear
 * line: a browser test never skips silently. Run once per test run from the global setup.
 */
export function ensureChromium(log: (line: string) => void = console.log): string {
  const p = chromiumPath();
  if (fs.existsSync(p)) return p;
  const canApt = process.env.CHROMIUM_PATH === undefined && process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get");
  if (!canApt) throw new Error(MISSING(p));
  log("[chromium] not found: installing Debian's chromium package (apt-get)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["update", "-qq"], { env, stdio: ["ignore", "ignore", "inherit"] });
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { env, stdio: ["ignore", "ignore", "inherit"] });
  } catch (err) {
    throw new Error(`${MISSING(p)} (apt-get failed: ${err instanceof Error ? err.message : err})`);
  }
  if (!fs.existsSync(p)) throw new Error(MISSING(p));
  return p;
}

/** Flags for a quiet, sandbox-free headless run: no GPU, no network of its own, no sync or updates. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface TestBrowser {
  context: BrowserContext;
  /** A new page that records console errors (CSP violations included) and page errors into `problems`. */
  page(): Promise<Page>;
  problems: string[];
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile (user-data-dir) that `close()` removes. Every browser test gets its browser here. */
export async function launchBrowser(viewport = { width: 1400, height: 900 }): Promise<TestBrowser> {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) throw new Error(MISSING(executablePath));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-profile-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, viewport, args: CHROMIUM_ARGS, acceptDownloads: true });
  const problems: string[] = [];
  return {
    context,
    problems,
    async page() {
      const page = await context.newPage();
      page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
      page.on("pageerror", (e) => problems.push(e.message));
      return page;
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot of `page` under ARTEFACTS as `<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<Buffer> {
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  return page.screenshot({ path: path.join(ARTEFACTS, `${name}.png`), fullPage: false });
}

/** Signs in on the explorer's sign-in view by pasting a token. */
export async function pasteToken(page: Page, token: string): Promise<void> {
  await page.locator("#token").fill(token);
  await page.getByRole("button", { name: "Sign in with this token" }).click();
}
