// Time to interactive of the Instances page: navigation start to the hydration marker
// (frontend/src/lib.rs sets html[data-hydrated=true]), in Debian's headless Chromium.
// Usage: node bench/tti.mjs BASE_URL ACCESS_KEY SECRET  -> JSON on stdout.
import { createRequire } from "node:module";

const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("@playwright/test");

const [base, accessKey, secret] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const context = await browser.newContext({ baseURL: base });
  // Notes the moment the marker appears, without the test driver's round trip.
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.documentElement?.getAttribute("data-hydrated") === "true") {
        window.__hydratedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
  });
  const page = await context.newPage();
  await page.goto("/sign-in?next=%2Finstances%3Fregion%3Dus-east-1");
  await page.getByLabel("Access key ID").fill(accessKey);
  await page.getByLabel("Secret access key").fill(secret);
  await page.getByLabel("Default region").fill("us-east-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/instances/);
  const runs = [];
  for (let i = 0; i < 6; i++) {
    await page.goto("/instances?region=us-east-1", { waitUntil: "commit" });
    await page.locator("html[data-hydrated=true]").waitFor({ state: "attached", timeout: 30000 });
    const hydrated = await page.evaluate(() => window.__hydratedAt ?? performance.now());
    if (i > 0) runs.push(Math.round(hydrated)); // the first load fills the cache
  }
  runs.sort((a, b) => a - b);
  console.log(JSON.stringify({ runs_ms: runs, median_ms: runs[Math.floor(runs.length / 2)], cache: "warm (second and later loads)" }));
} finally {
  await browser.close();
}
