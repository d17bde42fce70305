// In Debian's headless Chromium: the WASM and JS files each page downloads on a first visit (cold
// cache) and their bytes on the wire, and the time to interactive of the Instances page, on a cold
// cache (a fresh browser context each time) and a warm one:
// navigation start to the hydration marker (frontend/src/lib.rs sets html[data-hydrated=true]
// once the page's chunk has hydrated).
// Usage: node bench/tti.mjs BASE_URL ACCESS_KEY SECRET  -> JSON on stdout.
import { createRequire } from "node:module";

const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("@playwright/test");

const PAGES = ["/sign-in", "/", "/instances", "/launch", "/images", "/key-pairs", "/security-groups",
  "/volumes", "/addresses", "/network", "/audit"];
const [base, accessKey, secret] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});

/** Notes the moment the hydration marker appears, without the test driver's round trip. */
async function watchHydration(context) {
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.documentElement?.getAttribute("data-hydrated") === "true") {
        window.__hydratedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
  });
}

try {
  const context = await browser.newContext({ baseURL: base });
  await watchHydration(context);
  const page = await context.newPage();
  await page.goto("/sign-in?next=%2Finstances%3Fregion%3Dus-east-1");
  await page.getByLabel("Access key ID").fill(accessKey);
  await page.getByLabel("Secret access key").fill(secret);
  await page.getByLabel("Default region").fill("us-east-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/instances/);
  const state = await context.storageState();

  const pages = {};
  const wire = {}; // bytes on the wire: the server sends the build's gzip copies
  for (const path of PAGES) {
    const fresh = await browser.newContext({ baseURL: base, storageState: path === "/sign-in" ? undefined : state });
    const tab = await fresh.newPage();
    const files = new Set();
    const sizes = [];
    tab.on("requestfinished", (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith("/pkg/") && /\.(wasm|js)$/.test(url.pathname)) {
        files.add(url.pathname.slice(5));
        sizes.push(request.sizes().then((s) => s.responseBodySize));
      }
    });
    await tab.goto(`${path}?region=us-east-1`);
    await tab.locator("html[data-hydrated=true]").waitFor({ state: "attached", timeout: 30000 });
    await tab.waitForLoadState("networkidle");
    pages[path] = [...files].sort();
    wire[path] = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    await fresh.close();
  }

  // Cold: a first visit in a fresh context (no HTTP cache, no compiled WASM) each time.
  const coldRuns = [];
  for (let i = 0; i < 5; i++) {
    const fresh = await browser.newContext({ baseURL: base, storageState: state });
    await watchHydration(fresh);
    const tab = await fresh.newPage();
    await tab.goto("/instances?region=us-east-1", { waitUntil: "commit" });
    await tab.locator("html[data-hydrated=true]").waitFor({ state: "attached", timeout: 30000 });
    coldRuns.push(Math.round(await tab.evaluate(() => window.__hydratedAt ?? performance.now())));
    await fresh.close();
  }
  coldRuns.sort((a, b) => a - b);

  const runs = [];
  for (let i = 0; i < 6; i++) {
    await page.goto("/instances?region=us-east-1", { waitUntil: "commit" });
    await page.locator("html[data-hydrated=true]").waitFor({ state: "attached", timeout: 30000 });
    const hydrated = await page.evaluate(() => window.__hydratedAt ?? performance.now());
    if (i > 0) runs.push(Math.round(hydrated)); // the first load fills the cache
  }
  runs.sort((a, b) => a - b);
  console.log(JSON.stringify({
    runs_ms: runs, median_ms: runs[Math.floor(runs.length / 2)], cache: "warm (second and later loads)",
    cold_runs_ms: coldRuns, cold_median_ms: coldRuns[Math.floor(coldRuns.length / 2)], pages, wire_bytes: wire,
  }));
} finally {
  await browser.close();
}
