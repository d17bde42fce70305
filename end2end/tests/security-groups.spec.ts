import { test, expect, signIn, users, waitForHydration } from "./fixtures";

// Groups are made in sa-east-1, a region only these tests use (moto gives it a default VPC).
const PAGE = "/security-groups?region=sa-east-1";

test("create a group, edit its inbound rules, refuse a reversed port range, copy it, delete it", async ({ page }) => {
  await signIn(page, users.alice, PAGE);
  await waitForHydration(page);

  await page.getByRole("button", { name: "Create security group" }).first().click();
  const form = page.getByTestId("group-form");
  await form.getByLabel("Security group name").fill("e2e-web");
  await form.getByLabel("Description").fill("e2e web servers");
  await expect(form.locator("#group-vpc option")).not.toHaveCount(0);
  await form.getByRole("button", { name: "Create security group" }).click();
  await expect(page.getByTestId("notices")).toContainText("Created security group e2e-web");
  const details = page.getByTestId("group-details");
  await expect(details).toContainText("e2e-web (sg-");

  const inbound = page.getByTestId("inbound-rules");
  await inbound.getByRole("button", { name: "Add rule" }).click();
  await inbound.getByLabel("Rule 1 type").selectOption("HTTPS");
  await inbound.getByLabel("Rule 1 source").fill("0.0.0.0/0");
  await inbound.getByLabel("Rule 1 description").fill("web");
  await inbound.getByRole("button", { name: "Add rule" }).click();
  await inbound.getByLabel("Rule 2 type").selectOption("Custom TCP");
  await inbound.getByLabel("Rule 2 port range").fill("9000-8000");
  await inbound.getByRole("button", { name: "Use my IP for rule 2" }).click();
  await expect(inbound.getByLabel("Rule 2 source")).toHaveValue("127.0.0.1/32");
  await expect(inbound.getByText("Rules with 0.0.0.0/0 or ::/0 apply to every IP address.")).toBeVisible();
  await inbound.getByRole("button", { name: "Save inbound rules" }).click();
  await expect(inbound.getByRole("alert")).toContainText("rule 2 port range: 9000–8000 is reversed");
  await inbound.getByLabel("Rule 2 port range").fill("8000-9000");
  await inbound.getByRole("button", { name: "Save inbound rules" }).click();
  await expect(page.getByTestId("notices")).toContainText("Saved the rules of e2e-web");
  const row = page.locator("table.data-table").first().locator("tbody tr", { hasText: "e2e-web" });
  await expect(row.locator("td[data-column=inbound]")).toHaveText("2");

  // Reload: the rules read back from EC2.
  await page.reload();
  await waitForHydration(page);
  await row.getByRole("radio").check();
  await expect(page.getByTestId("inbound-rules").getByLabel("Rule 2 port range")).toHaveValue("8000-9000");
  await expect(page.getByTestId("inbound-rules").getByLabel("Rule 1 type")).toHaveValue("HTTPS");

  await page.getByRole("button", { name: "Copy to new group" }).click();
  const copyForm = page.getByTestId("group-form");
  await copyForm.getByRole("button", { name: "Copy group" }).click();
  // A copy is half a dozen EC2 calls, made while the other worker's every-region sweeps may keep
  // moto busy: a longer budget, and an error the form shows is reported as itself, not as a wait.
  const copied = page.getByTestId("notices").getByText("Created security group e2e-web-copy");
  await expect(copied.or(copyForm.getByRole("alert"))).toBeVisible({ timeout: 30_000 });
  expect(await copyForm.getByRole("alert").allTextContents()).toEqual([]);
  await expect(copied).toBeVisible();
  await expect(page.locator("table.data-table").first().locator("tbody tr", { hasText: "e2e-web-copy" }).locator("td[data-column=inbound]")).toHaveText("2");

  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText("Nothing uses it.");
  await dialog.getByLabel("Type delete to confirm").fill("delete");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("notices")).toContainText("Deleted sg-");
  await expect(page.locator("table.data-table").first().locator("tbody tr", { hasText: "e2e-web-copy" })).toHaveCount(0);
});

test("a group in use is not deleted and the instances using it are named", async ({ page }) => {
  await signIn(page, users.alice, "/security-groups?region=us-east-1&q=demo-ssh");
  await waitForHydration(page);
  await page.locator("table.data-table").first().getByRole("radio").first().check();
  await expect(page.getByTestId("group-details")).toContainText("Used by");
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText("the console refuses to delete it");
  await dialog.getByLabel("Type delete to confirm").fill("delete");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("notices")).toContainText("remove it from them before deleting it");
  await expect(page.getByTestId("group-count")).toHaveText("1 security group(s)");
});
