import { APIRequestContext, Page } from "@playwright/test";
import { test, expect, signIn, users, waitForHydration } from "./fixtures";

// Frankfurt (eu-central-1) and Seoul (ap-northeast-2) hold e2e-multi-* (stopped here) and
// e2e-mixed-* (never changed); scripts/local_ec2.py start --e2e. The console reaches moto through
// the fault proxy at FAULT_PROXY (scripts/e2e.sh), which these tests steer.
const proxy = process.env.FAULT_PROXY ?? "";

function row(page: Page, name: string) {
  return page.locator("table.data-table tbody tr", { has: page.locator("td[data-column=name]", { hasText: new RegExp(`^${name}$`) }) });
}

function chip(page: Page, region: string) {
  return page.getByTestId("region-strip").locator(`li[data-region="${region}"]`);
}

async function fault(request: APIRequestContext, path: string) {
  const reply = await request.post(`${proxy}/__faults/${path}`);
  expect(reply.ok(), await reply.text()).toBeTruthy();
}

test("All regions shows every region's instances with their region, and a chip per region", async ({ page }) => {
  await signIn(page, users.alice, "/instances?region=all&q=tag%3AEnvironment%3Dprod");
  await waitForHydration(page);
  await expect(page.locator("#region-select")).toHaveValue("all");
  await expect(page.getByRole("columnheader", { name: "Region" })).toBeVisible();
  await expect(row(page, "web-1").locator("td[data-column=region]")).toHaveText("us-east-1");
  await expect(row(page, "eu-web-1").locator("td[data-column=region]")).toHaveText("eu-west-1");
  for (const region of ["us-east-1", "eu-west-1", "us-west-2", "eu-central-1", "ap-northeast-2"]) {
    await expect(chip(page, region)).toHaveAttribute("data-outcome", "ok");
  }
  await expect(chip(page, "ap-east-1")).toHaveAttribute("data-outcome", "not-opted-in");
  await expect(page.getByTestId("instance-count")).toContainText("in all regions");

  await page.getByLabel("Filter instances").fill("region = ap-northeast-2");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(row(page, "e2e-palette").locator("td[data-column=region]")).toHaveText("ap-northeast-2");
  await expect(page.getByTestId("instance-count")).toContainText("3 instances in all regions");

  // The details of a row open in its own region.
  await row(page, "e2e-palette").locator("td[data-column=id] a").click();
  const panel = page.getByTestId("details-panel");
  await expect(panel.getByRole("tab", { name: "Details" })).toBeVisible();
  await expect(panel).toContainText("running");
  await expect(panel.getByRole("alert"), "asked in its own region, so no NotFound").toHaveCount(0);
});

test("a failing region shows its chip, the other regions' rows stay, and its retry recovers", async ({ page, request }) => {
  await signIn(page, users.alice, "/");
  await fault(request, "region?region=eu-west-1&status=403&code=AccessDenied");
  try {
    await page.goto("/instances?region=all&q=tag%3AEnvironment%3Dprod");
    await waitForHydration(page);
    await expect(chip(page, "eu-west-1")).toHaveAttribute("data-outcome", "denied");
    await expect(chip(page, "eu-west-1")).toContainText("denied by policy (AccessDenied)");
    await expect(row(page, "web-1")).toBeVisible();
    await expect(row(page, "eu-web-1")).toHaveCount(0);
  } finally {
    await fault(request, "clear");
  }
  await page.getByRole("button", { name: "Retry eu-west-1" }).click();
  await expect(chip(page, "eu-west-1")).toHaveAttribute("data-outcome", "ok");
  await expect(row(page, "eu-web-1").locator("td[data-column=region]")).toHaveText("eu-west-1");
  await expect(row(page, "web-1")).toBeVisible();
});

test("stop instances in two regions at once", async ({ page }) => {
  const url = "/instances?region=all&q=name%3De2e-multi-*";
  await signIn(page, users.alice, url);
  await waitForHydration(page);
  await expect(row(page, "e2e-multi-a").locator("td[data-column=region]")).toHaveText("eu-central-1");
  await expect(row(page, "e2e-multi-b").locator("td[data-column=region]")).toHaveText("ap-northeast-2");
  for (const name of ["e2e-multi-a", "e2e-multi-b"]) await row(page, name).getByRole("checkbox").check();
  await expect(page.getByTestId("instance-count")).toContainText("2 selected");
  await page.locator("button[data-action=Stop]").click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByRole("button", { name: "Stop", exact: true }).click();
  for (const name of ["e2e-multi-a", "e2e-multi-b"]) {
    await expect(row(page, name).locator("td[data-column=state]")).toHaveText(/stopped/);
  }
  await expect(page.getByTestId("notices")).toContainText(/Stop i-[0-9a-f]+: now stop(ping|ped)[\s\S]*Stop i-[0-9a-f]+: now stop(ping|ped)/);
});

test("a mixed selection is told which instances will be refused before anything is sent", async ({ page, request }) => {
  const url = "/instances?region=all&q=name%3De2e-mixed-*";
  await signIn(page, users.alice, url);
  await waitForHydration(page);
  const refused = (await row(page, "e2e-mixed-b").locator("td[data-column=id]").innerText()).trim();
  await fault(request, `deny?action=TerminateInstances&id=${refused}`);
  try {
    const terminate = page.locator("button[data-action=Terminate]");
    await row(page, "e2e-mixed-b").getByRole("checkbox").check();
    await expect(terminate).toBeDisabled();
    await row(page, "e2e-mixed-a").getByRole("checkbox").check();
    await expect(terminate).toBeEnabled();
    await terminate.click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText(`Will be refused: e2e-mixed-b (${refused}): Not allowed: AccessDenied`);
    await expect(dialog).not.toContainText("Will be refused: e2e-mixed-a");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(row(page, "e2e-mixed-a").locator("td[data-column=state]")).toHaveText(/running/);
  } finally {
    await fault(request, "clear");
  }
});

test("the dashboard and the volumes list add up every region", async ({ page }) => {
  await signIn(page, users.alice, "/?region=us-east-1");
  await waitForHydration(page);
  const card = page.locator("li[data-count=Volumes] .card-value");
  await expect(card).toHaveText(/^\d+$/);
  const one = Number(await card.innerText());
  await page.goto("/?region=all");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: "Resources in all regions" })).toBeVisible();
  await expect(card).toHaveText(/^\d+$/);
  expect(Number(await card.innerText())).toBeGreaterThan(one);

  await page.locator("li[data-count=Volumes] a").click();
  await expect(page).toHaveURL(/\/volumes\?region=all/);
  await waitForHydration(page);
  await expect(chip(page, "eu-central-1").first()).toHaveAttribute("data-outcome", "ok");
  const frankfurt = page.locator("table.data-table tbody tr", { has: page.locator("td[data-column=region]", { hasText: /^eu-central-1$/ }) });
  await expect(frankfurt.first()).toBeVisible();
  await frankfurt.first().getByRole("radio").check();
  const open = page.getByRole("link", { name: "Open it in eu-central-1" });
  await expect(open).toBeVisible();
  await open.click();
  await expect(page).toHaveURL(/\/volumes\?region=eu-central-1&id=vol-/);
  await expect(page.getByTestId("volume-details")).toContainText("Availability Zone");
});
