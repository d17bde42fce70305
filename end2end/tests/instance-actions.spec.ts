import { Page } from "@playwright/test";
import { readFileSync } from "fs";
import { test, expect, signIn, users, waitForHydration } from "./fixtures";

// us-west-2 holds instances only these tests change (scripts/local_ec2.py start --e2e);
// us-east-1 is the read-only seeded estate.
const PLAYGROUND = "/instances?region=us-west-2";

function row(page: Page, name: string) {
  return page.locator("table.data-table tbody tr", { has: page.locator("td[data-column=name]", { hasText: new RegExp(`^${name}$`) }) });
}

async function names(page: Page): Promise<string[]> {
  return page.locator("table.data-table tbody tr td[data-column=name]").allTextContents();
}

async function filterBy(page: Page, filter: string) {
  await page.getByLabel("Filter instances").fill(filter);
  await page.getByRole("button", { name: "Apply" }).click();
}

test("filter by tag and state, sort, and the same view opens from the URL in a fresh session", async ({ page, browser }) => {
  await signIn(page, users.alice, "/instances?region=us-east-1");
  await waitForHydration(page);
  await filterBy(page, "tag:Environment = prod state = running");
  await expect(page).toHaveURL(/q=tag%3AEnvironment/);
  await expect(page.getByTestId("instance-count")).toContainText("4 instances in us-east-1");
  await page.getByRole("link", { name: "Name", exact: true }).click();
  await expect(page).toHaveURL(/sort=name/);
  await page.getByRole("link", { name: "Name", exact: true }).click();
  await expect(page).toHaveURL(/sort=-name/);
  const expected = ["web-2", "web-1", "db-1", "api-1"];
  await expect.poll(() => names(page)).toEqual(expected);

  const url = page.url();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await signIn(other, users.alice);
  await other.goto(url);
  await expect(other.getByLabel("Filter instances")).toHaveValue("tag:Environment = prod state = running");
  await expect.poll(() => names(other)).toEqual(expected);
  await fresh.close();
});

test("an unknown filter key is explained and the list is not replaced", async ({ page }) => {
  await signIn(page, users.alice, "/instances?region=us-east-1&q=colour%3Dred");
  await expect(page.getByRole("alert")).toContainText("unknown key `colour`");
});

test("stop two instances and watch them settle to stopped without a reload", async ({ page }) => {
  await signIn(page, users.alice, PLAYGROUND);
  await waitForHydration(page);
  await page.evaluate(() => ((window as any).__noReload = "still-here"));
  const stop = page.locator("button[data-action=Stop]");
  await expect(stop).toBeDisabled();
  for (const name of ["e2e-stop-a", "e2e-stop-b"]) await row(page, name).getByRole("checkbox").check();
  await expect(page.getByTestId("instance-count")).toContainText("2 selected");
  await expect(page.locator("button[data-action=Start]"), "nothing selected is stopped").toBeDisabled();
  await expect(page.locator("button[data-action=Hibernate]"), "hibernation is not enabled").toBeDisabled();
  await stop.click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Stop 2 instances?");
  await dialog.getByRole("button", { name: "Stop" }).click();
  await expect(dialog).toBeHidden();
  const notices = page.getByTestId("notices");
  await expect(notices.locator("[data-tone=Ok]")).toHaveCount(2);
  for (const name of ["e2e-stop-a", "e2e-stop-b"]) {
    await expect(row(page, name).locator("td[data-column=state]")).toHaveText(/stopped/);
  }
  expect(await page.evaluate(() => (window as any).__noReload)).toBe("still-here");
  await page.reload();
  await expect(row(page, "e2e-stop-a").locator("td[data-column=state]")).toHaveText(/stopped/);
});

test("terminate asks for the typed word and names what is lost", async ({ page }) => {
  await signIn(page, users.alice, PLAYGROUND);
  await waitForHydration(page);
  await row(page, "e2e-term").getByRole("checkbox").check();
  await page.locator("button[data-action=Terminate]").click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Terminate 1 instance?");
  await expect(dialog).toContainText(/EBS volume vol-\w+ is deleted/);
  const confirm = dialog.getByRole("button", { name: "Terminate" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type terminate to confirm").fill("Terminate");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type terminate to confirm").fill("terminate");
  await confirm.click();
  await expect(row(page, "e2e-term").locator("td[data-column=state]")).toHaveText(/terminated/);
  await expect(page.getByTestId("notices")).toContainText("Terminate");
});

test("cancel leaves the instance as it was", async ({ page }) => {
  await signIn(page, users.alice, PLAYGROUND);
  await waitForHydration(page);
  await row(page, "e2e-tags").getByRole("checkbox").check();
  await page.locator("button[data-action=Terminate]").click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("alertdialog")).toBeHidden();
  await page.reload();
  await expect(row(page, "e2e-tags").locator("td[data-column=state]")).toHaveText(/running/);
});

test("change the type of a stopped instance from the details panel", async ({ page }) => {
  await signIn(page, users.alice, PLAYGROUND);
  await waitForHydration(page);
  await row(page, "e2e-resize").locator("td[data-column=id] a").click();
  const panel = page.getByTestId("details-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("details-type")).toHaveText("t3.micro");
  await panel.getByLabel("New instance type").selectOption("t3.small");
  await panel.getByRole("button", { name: "Change type" }).click();
  await expect(page.getByTestId("notices")).toContainText("is now t3.small");
  await expect(panel.getByTestId("details-type")).toHaveText("t3.small");
  await expect(row(page, "e2e-resize").locator("td[data-column=type]")).toHaveText("t3.small");
});

test("a running instance's details say to stop it before changing type; tabs show its parts", async ({ page }) => {
  await signIn(page, users.alice, "/instances?region=us-east-1");
  await waitForHydration(page);
  await row(page, "web-1").locator("td[data-column=id] a").click();
  const panel = page.getByTestId("details-panel");
  await expect(panel).toContainText("Stop the instance to change its type.");
  await panel.getByRole("tab", { name: "Security" }).click();
  await expect(panel).toContainText("demo-ssh");
  await expect(panel).toContainText("0.0.0.0/0");
  await panel.getByRole("tab", { name: "Storage" }).click();
  await expect(panel.locator("tr[data-volume]").first()).toContainText("Yes");
  await panel.getByRole("tab", { name: "Networking" }).click();
  await expect(panel.getByRole("button", { name: "Copy VPC ID" })).toBeVisible();
  await panel.getByRole("tab", { name: "Details" }).click();
  await panel.getByRole("button", { name: "Get system log" }).click();
  await expect(panel.locator("pre.log")).not.toBeEmpty();
});

test("edit tags in the details panel and find the instance by its new tag", async ({ page }) => {
  await signIn(page, users.alice, PLAYGROUND);
  await waitForHydration(page);
  await row(page, "e2e-tags").locator("td[data-column=id] a").click();
  const panel = page.getByTestId("details-panel");
  await panel.getByRole("tab", { name: "Tags" }).click();
  await panel.getByRole("button", { name: "Add tag" }).click();
  const rows = panel.locator("tr[data-tag-row]");
  const fresh = rows.last();
  await fresh.getByRole("textbox").first().fill("Owner");
  await fresh.getByRole("textbox").last().fill("e2e");
  await panel.getByRole("button", { name: "Save tags" }).click();
  await expect(page.getByTestId("notices")).toContainText("Saved 3 tags");

  await filterBy(page, "tag:Owner = e2e");
  await expect.poll(() => names(page)).toEqual(["e2e-tags"]);
});

test("export the filtered view as CSV", async ({ page }) => {
  await signIn(page, users.alice, "/instances?region=us-east-1&q=tag%3AEnvironment%20%3D%20prod&sort=name");
  await waitForHydration(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("instances-us-east-1.csv");
  const csv = readFileSync(await download.path(), "utf8").trim().split("\r\n");
  expect(csv[0]).toContain("Name,Instance ID,State,Type");
  expect(csv.slice(1).map((line) => line.split(",")[0])).toEqual(["api-1", "db-1", "web-1", "web-2"]);
});

test("hidden columns are remembered for the user", async ({ page }) => {
  await signIn(page, users.alice, "/instances?region=us-east-1");
  await waitForHydration(page);
  await expect(page.locator("th[data-column=key]")).toBeVisible();
  await page.getByText("Preferences").click();
  await page.getByLabel("Key name").uncheck();
  await expect(page.locator("th[data-column=key]")).toHaveCount(0);
  await expect(page.locator("td[data-column=key]")).toHaveCount(0);
  await page.reload();
  await waitForHydration(page);
  await expect(page.locator("th[data-column=key]")).toHaveCount(0);
  await expect(page.locator("td[data-column=key]")).toHaveCount(0);
  await page.getByText("Preferences").click();
  await page.getByLabel("Key name").check();
  await expect(page.locator("th[data-column=key]")).toBeVisible();
});

test("a terminate the user's policy denies is off, with AWS's reason, before anything is sent", async ({ page }) => {
  await signIn(page, users.bob, PLAYGROUND);
  await waitForHydration(page);
  await row(page, "e2e-deny").getByRole("checkbox").check();
  const terminate = page.locator("button[data-action=Terminate]");
  await expect(terminate).toBeDisabled();
  await expect(terminate).toHaveAttribute("title", /^Not allowed: AccessDenied — .+/);
  await expect(terminate).toHaveAccessibleDescription(/Not allowed: AccessDenied/);
  await expect(page.locator("button[data-action=Stop]"), "bob may stop").toBeEnabled();
  await page.reload();
  await expect(row(page, "e2e-deny").locator("td[data-column=state]")).toHaveText(/running/);
});

test("read-only mode disables the actions", async ({ page }) => {
  await signIn(page, users.alice, PLAYGROUND);
  await waitForHydration(page);
  await row(page, "e2e-deny").getByRole("checkbox").check();
  await expect(page.locator("button[data-action=Reboot]")).toBeEnabled();
  await page.getByTestId("read-only").click();
  await expect(page.getByTestId("read-only")).toHaveText("Read-only: on");
  await waitForHydration(page);
  await row(page, "e2e-deny").getByRole("checkbox").check();
  for (const action of ["Start", "Stop", "Reboot", "Terminate"]) {
    await expect(page.locator(`button[data-action=${action}]`)).toBeDisabled();
  }
  await expect(page.getByText("Read-only mode: actions are off.")).toBeVisible();
  await page.getByTestId("read-only").click();
  await expect(page.getByTestId("read-only")).toHaveText("Read-only: off");
});

test("copy buttons put the ID or address on the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, users.alice, "/instances?region=us-east-1");
  await waitForHydration(page);
  await row(page, "web-1").locator("td[data-column=id] a").click();
  const panel = page.getByTestId("details-panel");
  const copy = panel.getByRole("button", { name: "Copy instance ID" });
  const id = await copy.getAttribute("data-copy");
  expect(id).toMatch(/^i-[0-9a-f]+$/);
  await copy.click();
  await expect(copy).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(id);
});
