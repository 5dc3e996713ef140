import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/** Where the browser is: CHROMIUM_PATH, else Debian's package. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

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

/**
 * Launches headless Chromium with a fresh profile (user-data-dir) that `close()` removes.
 * Every browser test gets its browser here.
 */
export async function launchChromium(viewport = { width: 1200, height: 900 }): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) throw new Error(MISSING(executablePath));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-profile-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, viewport, args: CHROMIUM_ARGS });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
