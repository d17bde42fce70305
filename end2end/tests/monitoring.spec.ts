import { Page } from "@playwright/test";
import { test, expect, signIn, users, waitForHydration } from "./fixtures";

// scripts/local_ec2.py puts 24 hours of 5-minute datapoints for each running instance; db-1
// (us-east-1) runs hot with one peak of 97 % three hours before seeding.
function row(page: Page, name: string) {
  return page.locator("table.data-table tbody tr", { has: page.locator("td[data-column=name]", { hasText: new RegExp(`^${name}$`) }) });
}

async function openMonitoring(page: Page, name: string) {
  await page.goto("/instances?region=us-east-1");
  await waitForHydration(page);
  await row(page, name).locator("td[data-column=id] a").click();
  const panel = page.getByTestId("details-panel");
  await panel.getByRole("tab", { name: "Monitoring" }).click();
  return panel;
}

test("the Monitoring tab draws CPU with its peak, reads values by keyboard, and follows the range in the URL", async ({ page }) => {
  await signIn(page, users.alice, "/instances?region=us-east-1");
  const panel = await openMonitoring(page, "db-1");
  const cpu = panel.locator("figure[data-series=cpu]");
  await expect(cpu.locator("path.line")).toHaveAttribute("d", /^M/);
  await expect(cpu.locator(".chart-summary")).toContainText(/CPU utilization \(average\): average \d+(\.\d)? %, peak 97 % at [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d\d [AP]M UTC/);
  await expect(panel.getByTestId("metrics").locator(".charts")).toHaveAttribute("data-range", "12h");

  // The readout, by keyboard: End is the newest point.
  await cpu.locator("svg").focus();
  await page.keyboard.press("End");
  await expect(cpu.locator(".readout")).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d\d [AP]M UTC — (\d+(\.\d)? %|no data)$/);
  await page.keyboard.press("Home");
  await expect(cpu.locator(".readout")).toContainText("UTC — ");

  // The data as a table, for screen readers.
  await cpu.getByText("CPU utilization (average): the data as a table").click();
  await expect(cpu.locator("table tbody tr")).toHaveCount(144);

  await panel.getByRole("link", { name: "1h", exact: true }).click();
  await expect(page).toHaveURL(/range=1h/);
  await expect(panel.getByTestId("metrics").locator(".charts")).toHaveAttribute("data-range", "1h");
  await expect(cpu.locator(".chart-summary")).not.toContainText("peak 97 %");
  await expect(panel.locator("figure[data-series=net_in]")).toBeVisible();
});

test("an alarm is created and deleted from the Monitoring tab", async ({ page }) => {
  await signIn(page, users.alice, "/instances?region=us-east-1");
  const panel = await openMonitoring(page, "web-2");
  const alarms = panel.getByTestId("alarms");
  await expect(alarms).toContainText("No alarms watch this instance.");
  await alarms.getByLabel("Threshold (%)").fill("250");
  await alarms.getByRole("button", { name: "Create alarm" }).click();
  await expect(alarms.getByRole("alert")).toContainText("threshold");
  await alarms.getByLabel("Threshold (%)").fill("85");
  await alarms.getByLabel("Periods of 5 minutes").fill("2");
  await alarms.getByRole("button", { name: "Create alarm" }).click();
  const created = alarms.locator("tr[data-alarm$='-cpu-85-2x5m']");
  await expect(created).toContainText("≥ 85 for 2 × 5 min");
  await created.getByRole("button", { name: /^Delete alarm/ }).click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(created).toHaveCount(0);
  await expect(page.getByTestId("notices")).toContainText("Deleted alarm");
});

test("the dashboard names the busiest instance with a sparkline that links to its graphs", async ({ page }) => {
  await signIn(page, users.alice, "/?region=us-east-1");
  await waitForHydration(page);
  const busiest = page.getByTestId("busiest");
  const first = busiest.locator("li").first();
  await expect(first).toContainText("db-1");
  await expect(first.locator("svg.sparkline path.line")).toHaveAttribute("d", /^M/);
  await first.getByRole("link").click();
  await expect(page).toHaveURL(/tab=monitoring/);
  await expect(page.getByTestId("details-panel").getByRole("tab", { name: "Monitoring" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("details-panel").locator("figure[data-series=cpu]")).toBeVisible();
});
