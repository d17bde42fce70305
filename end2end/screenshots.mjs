// The README's screenshots, taken from a running `make demo` (127.0.0.1:3000, users in
// .run/demo/users.json) in Debian's headless Chromium: `node end2end/screenshots.mjs`.
// It changes the demo's estate (stops two instances), so run it on a fresh demo.
// The Korean screenshot needs a Korean font in the system (Debian: `apt-get install fonts-nanum`).
import { chromium } from "@playwright/test";
import { readFileSync } from "fs";
import { fileURLToPath } from "url";
import { dirname, join } from "path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const users = JSON.parse(readFileSync(join(root, ".run/demo/users.json"), "utf8"));
const docs = join(root, "docs");

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox"] });
const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, colorScheme: "light" });
const page = await context.newPage();

const hydrated = () => page.locator("html[data-hydrated=true]").waitFor({ state: "attached" });
const settle = async () => {
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(400);
};
const shot = async (name) => {
  await settle();
  await page.screenshot({ path: join(docs, name) });
  console.log(`docs/${name}`);
};
const rows = () => page.locator("table.data-table tbody tr");

// Sign in as alice.
await page.goto("/sign-in?next=%2F%3Fregion%3Dus-east-1");
await page.getByLabel("Access key ID").fill(users.alice.access_key_id);
await page.getByLabel("Secret access key").fill(users.alice.secret_access_key);
await page.getByLabel("Default region").fill("us-east-1");
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByTestId("identity").waitFor();

// The dashboard.
await page.goto("/?region=us-east-1");
await hydrated();
await page.locator(".busy-list li").first().waitFor();
await shot("dashboard.png");

// Terminate asks for the word.
await page.goto("/instances?region=us-east-1&q=state%3Dstopped");
await hydrated();
await rows().first().waitFor();
for (const i of [0, 1]) await rows().nth(i).getByRole("checkbox").check();
await page.locator("button[data-action=Terminate]").click();
await page.getByRole("alertdialog").waitFor();
await shot("terminate.png");
await page.keyboard.press("Escape");

// Stop two web instances (for the Instances page and the audit log).
await page.goto("/instances?region=us-east-1&q=name%3Dweb-*");
await hydrated();
await rows().first().waitFor();
for (const i of [0, 1]) await rows().nth(i).getByRole("checkbox").check();
await page.locator("button[data-action=Stop]").click();
await page.getByRole("alertdialog").getByRole("button", { name: "Stop" }).click();
await page.getByTestId("notices").locator("[data-tone=Ok]").nth(1).waitFor();
await page.locator("td[data-column=state]", { hasText: "stopped" }).nth(1).waitFor({ timeout: 60_000 });
await shot("instances.png");

// The launch page with an AMI chosen.
await page.goto("/launch?region=us-east-1");
await hydrated();
await page.locator("#launch-name").fill("web-3");
await page.getByLabel(/^Ubuntu 24\.04 LTS · x86_64/).check();
await page.getByTestId("summary-type").filter({ hasNotText: "none chosen" }).waitFor();
await shot("launch.png");

// The audit log with the bulk stop's record open.
await page.goto("/audit");
await hydrated();
await page.locator("table tbody tr", { hasText: "StopInstances" }).first().locator("a").click();
await page.getByTestId("audit-details").waitFor();
await shot("audit.png");

// All regions.
await page.goto("/instances?region=all&q=tag%3AEnvironment%3Dprod");
await hydrated();
await rows().first().waitFor();
await shot("regions.png");

// An instance's Monitoring tab.
await page.goto("/instances?region=us-east-1&q=name%3Dapi-*");
await hydrated();
await rows().first().locator("a.id-link").click();
await page.getByTestId("details-panel").getByRole("tab", { name: "Monitoring" }).click();
await page.locator("figure svg").first().waitFor();
await shot("monitoring.png");

// The Instances page in Korean.
await context.addCookies([{ name: "ec2c_locale", value: "ko", url: base }]);
await page.goto("/instances?region=us-east-1");
await hydrated();
await rows().first().waitFor();
await rows().first().locator("a.id-link").click();
await page.getByTestId("details-panel").waitFor();
await shot("instances-ko.png");

await browser.close();
