import AxeBuilder from "@axe-core/playwright";
import { test, expect, signIn, users, waitForHydration } from "./fixtures";
import type { Page } from "@playwright/test";

/** Every page of the console, signed in. */
const PAGES = [
  "/",
  "/instances?region=us-east-1",
  "/launch?region=us-east-1",
  "/images?region=us-east-1",
  "/key-pairs?region=us-east-1",
  "/security-groups?region=us-east-1",
  "/volumes?region=us-east-1",
  "/addresses?region=us-east-1",
  "/network?region=us-east-1",
  "/audit",
  "/instances?region=all",
];

const SCHEMES = ["light", "dark"] as const;

/** Fails the test (after it has gone through every page) on any serious or critical axe-core
 * violation on the page as it is now. */
async function audit(page: Page, where: string) {
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${where}: ${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  expect.soft(found, "serious or critical accessibility violations").toEqual([]);
}

for (const scheme of SCHEMES) {
  test(`every page has no serious accessibility violation (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/sign-in");
    await waitForHydration(page);
    await audit(page, `/sign-in (${scheme})`);
    await signIn(page, users.alice, "/");
    for (const path of PAGES) {
      await page.goto(path);
      await waitForHydration(page);
      await expect(page.locator("h1").first()).toBeVisible();
      await audit(page, `${path} (${scheme})`);
    }
  });

  test(`the details panel and a confirmation dialog have no serious violation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await signIn(page, users.alice, "/instances?region=us-east-1&q=name%3Ddb-1");
    await page.goto("/instances?region=us-east-1&q=name%3Ddb-1");
    await waitForHydration(page);
    const first = page.locator("table.data-table tbody tr").first();
    await first.locator("a.id-link").click();
    await expect(page.getByRole("heading", { name: /^Instance i-/ })).toBeVisible();
    await audit(page, `details panel (${scheme})`);
    await first.getByRole("checkbox").check();
    await page.locator("button[data-action=Terminate]").click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toBeVisible();
    await audit(page, `terminate dialog (${scheme})`);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
  });
}
