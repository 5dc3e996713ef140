import { ensureChromium } from "./browser.js";

/** Global setup of the tiers with browser tests: provisions Chromium (or fails with one line). */
export default function setup() {
  ensureChromium();
}
