import { test, expect, signIn, users, waitForHydration } from "./fixtures";

test("VPCs, subnets, interfaces, ACL rules and routes, each tab in the URL", async ({ page }) => {
  await signIn(page, users.alice, "/network?region=us-east-1");
  await waitForHydration(page);
  await expect(page.locator("table.data-table tbody")).toContainText("10.10.0.0/16");

  await page.getByRole("tab", { name: "Subnets" }).click();
  await expect(page).toHaveURL(/tab=subnets/);
  await expect(page.locator("table.data-table tbody")).toContainText("10.10.1.0/24");
  await page.getByLabel("Filter").fill("10.10.2.");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=10.10.2./);
  await expect(page.locator("table.data-table tbody tr")).toHaveCount(1);

  await page.goto("/network?region=us-east-1&tab=interfaces&q=10.10.");
  await waitForHydration(page);
  await expect(page.locator("table.data-table tbody tr").first()).toContainText("i-");

  await page.goto("/network?region=us-east-1&tab=acls");
  await waitForHydration(page);
  await page.locator("table.data-table").first().getByRole("radio").first().check();
  const acl = page.getByTestId("acl-details");
  await expect(acl.locator("caption", { hasText: "Inbound rules" })).toBeVisible();
  await expect(acl).toContainText("allow");
  await expect(acl).toContainText("0.0.0.0/0");

  await page.getByRole("tab", { name: "Route tables" }).click();
  await expect(page).toHaveURL(/tab=routes/);
  await expect(page.getByRole("tab", { name: "Route tables" })).toHaveAttribute("aria-selected", "true");
  await page.locator("table.data-table").first().getByRole("radio").first().check();
  await expect(page.getByTestId("route-details")).toContainText("local");
});
