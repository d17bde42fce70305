import { Page } from "@playwright/test";
import { test, expect, signIn, users, waitForHydration } from "./fixtures";

// The seeded estate (scripts/local_ec2.py): us-east-1 has 7 instances, eu-west-1 has 6.
const EAST = ["web-1", "web-2", "api-1", "db-1", "worker-1", "batch-1", "bastion"];
const WEST = ["eu-web-1", "eu-web-2", "eu-cache-1", "eu-etl-1", "eu-test-1", "eu-bastion"];

async function names(page: Page): Promise<string[]> {
  return page.locator("table.data-table tbody tr td[data-column=name]").allTextContents();
}

test.beforeEach(async ({ page }) => {
  await signIn(page, users.alice);
});

test("the seeded instances are server-rendered for the selected region", async ({ page }) => {
  await page.goto("/instances?region=us-east-1");
  await expect(page.getByRole("heading", { name: "Instances" })).toBeVisible();
  await expect(page.getByTestId("instance-count")).toHaveText("7 instances in us-east-1");
  expect((await names(page)).sort()).toEqual([...EAST].sort());
  const stopped = page.locator("tr", { hasText: "worker-1" }).locator("td[data-column=state]");
  await expect(stopped).toHaveText(/stopped/);
  await expect(page.locator("tr", { hasText: "web-1" }).locator("td[data-column=type]")).toHaveText("t3.micro");
});

test("status checks fill in after the list, for running instances only", async ({ page }) => {
  await page.goto("/instances?region=us-east-1");
  await waitForHydration(page);
  const running = page.locator("tr", { hasText: "web-1" }).locator("td[data-column=checks]");
  await expect(running).toHaveText("2/2 checks passed");
  const stopped = page.locator("tr", { hasText: "worker-1" }).locator("td[data-column=checks]");
  await expect(stopped).not.toContainText("checks");
});

test("the region picker switches to another region's instances", async ({ page }) => {
  await page.goto("/instances?region=us-east-1");
  await waitForHydration(page);
  // A marker that a full page load would wipe out: the switch happens in the hydrated app.
  await page.evaluate(() => ((window as any).__noReload = "still-here"));
  await page.getByLabel("Region").selectOption("eu-west-1");
  await page.getByRole("button", { name: "Switch" }).click();
  await expect(page).toHaveURL(/\/instances\?region=eu-west-1$/);
  await expect(page.getByTestId("instance-count")).toHaveText("6 instances in eu-west-1");
  expect(await page.evaluate(() => (window as any).__noReload)).toBe("still-here");
  expect((await names(page)).sort()).toEqual([...WEST].sort());
});

test("sorting by a column header reorders rows without reloading the page", async ({ page }) => {
  await page.goto("/instances?region=us-east-1");
  await waitForHydration(page);
  // A marker that a full page load would wipe out: sorting must happen in the hydrated app.
  await page.evaluate(() => ((window as any).__noReload = "still-here"));

  await page.getByRole("link", { name: "Name", exact: true }).click();
  await expect(page).toHaveURL(/sort=name/);
  const ascending = [...EAST].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  await expect.poll(() => names(page)).toEqual(ascending);
  await expect(page.locator("th[data-column=name]")).toHaveAttribute("aria-sort", "ascending");

  await page.getByRole("link", { name: "Name", exact: true }).click();
  await expect(page).toHaveURL(/sort=-name/);
  await expect.poll(() => names(page)).toEqual([...ascending].reverse());
  await expect(page.locator("th[data-column=name]")).toHaveAttribute("aria-sort", "descending");

  expect(await page.evaluate(() => (window as any).__noReload)).toBe("still-here");
});

test("every navigation entry leads to its page and keeps the region", async ({ page }) => {
  await page.goto("/?region=eu-west-1");
  const nav = page.getByRole("navigation", { name: "EC2" });
  for (const label of ["Instances", "Launch instance", "AMIs", "Key pairs", "Security groups", "Volumes", "Elastic IPs", "Network", "Dashboard"]) {
    await nav.getByRole("link", { name: label, exact: true }).click();
    await expect(page).toHaveURL(/region=eu-west-1/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
});
