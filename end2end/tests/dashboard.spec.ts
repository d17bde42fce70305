import { test, expect, signIn, users, waitForHydration } from "./fixtures";

// Seeded us-east-1 (scripts/local_ec2.py): 5 running, 2 stopped, 9 volumes (7 roots + 2), 1 key pair, 1 Elastic IP.
test("the dashboard counts the region's estate and each count opens its list", async ({ page }) => {
  await signIn(page, users.alice, "/?region=us-east-1");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("identity")).toContainText(users.alice.arn);
  await expect(page.getByRole("heading", { name: "Resources in us-east-1" })).toBeVisible();
  const card = (kind: string) => page.locator(`[data-count=${kind}] .card-value`);
  await expect(card("RunningInstances")).toHaveText("5");
  await expect(card("StoppedInstances")).toHaveText("2");
  await expect(card("Volumes")).toHaveText("9");
  await expect(card("KeyPairs")).toHaveText("1");
  await expect(card("ElasticIps")).toHaveText("1");
  await expect(card("OwnedImages")).toHaveText("0");
  await expect(page.locator("[data-zone=us-east-1a]")).toContainText("available");

  await waitForHydration(page);
  await page.getByRole("link", { name: /Stopped instances/ }).click();
  await expect(page).toHaveURL(/\/instances\?q=state%3Dstopped&region=us-east-1/);
  await expect(page.getByTestId("instance-count")).toHaveText("2 instances in us-east-1 matching “state=stopped”");
  const names = await page.locator("td[data-column=name]").allTextContents();
  expect(names.sort()).toEqual(["batch-1", "worker-1"]);
});

test("the dashboard's Launch instance button leads to the launch page in the same region", async ({ page }) => {
  await signIn(page, users.alice, "/?region=eu-west-1");
  await expect(page.locator("[data-count=RunningInstances] .card-value")).toHaveText("4");
  await page.getByRole("link", { name: "Launch instance" }).first().click();
  await expect(page).toHaveURL(/\/launch\?region=eu-west-1/);
});
