import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** Where e2e tests leave screenshots (gitignored). */
export const ARTEFACTS = path.resolve("test-artifacts/explorer");

export interface TestBrowser {
  context: BrowserContext;
  /** A new page that records console errors (CSP violations included) into `problems`. */
  page(): Promise<Page>;
  problems: string[];
  close(): Promise<void>;
}

/**
 * Debian's Chromium, headless, with a new empty profile and no background traffic: the only
 * requests it makes are the ones the page makes.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), "explorer-profile-"));
  await fs.mkdir(ARTEFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
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
      await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTEFACTS, `${name}.png`), fullPage: false });

/** Signs in on the explorer's sign-in view by pasting a token. */
export async function pasteToken(page: Page, token: string): Promise<void> {
  await page.locator("#token").fill(token);
  await page.getByRole("button", { name: "Sign in with this token" }).click();
}
