import { test, expect, signIn, users, waitForHydration } from "./fixtures";

// Key pairs are made in ap-southeast-2, a region only these tests use.
const REGION = "ap-southeast-2";
const ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g kp@test";

test("create and import key pairs, see them in the launch page, delete one after confirming", async ({ page }) => {
  await signIn(page, users.alice, `/key-pairs?region=${REGION}`);
  await waitForHydration(page);
  await expect(page.getByTestId("key-count")).toHaveText("0 key pair(s)");

  await page.getByText("Create new key pair").click();
  await page.locator("#new-key-name").fill("kp-created");
  await page.getByLabel("RSA", { exact: true }).check();
  await page.getByRole("button", { name: "Create key pair" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download kp-created.pem" }).click()]);
  expect(download.suggestedFilename()).toBe("kp-created.pem");
  await expect(page.getByRole("button", { name: "Download kp-created.pem" })).toHaveCount(0);

  await page.getByText("Import a public key").click();
  await page.locator("#import-key-name").fill("kp-imported");
  await page.locator("#import-key-material").fill("ssh-rsa AAAA");
  await page.getByRole("button", { name: "Import key pair" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "public key" })).toBeVisible();
  await page.locator("#import-key-material").fill(ED25519);
  await page.getByRole("button", { name: "Import key pair" }).click();
  await expect(page.getByTestId("key-count")).toHaveText("2 key pair(s)");
  const rows = page.locator("table.data-table tbody tr");
  await expect(rows.filter({ hasText: "kp-created" })).toContainText("rsa");
  await expect(rows.filter({ hasText: "kp-imported" })).toContainText("ed25519");

  // Both are offered by the launch page.
  await page.goto(`/launch?region=${REGION}`);
  await waitForHydration(page);
  const options = page.locator("#key-name option");
  await expect(options).toContainText(["Proceed without a key pair (not recommended)", "kp-created (rsa)", "kp-imported (ed25519)"]);

  // Filter in the URL, then delete with the typed word.
  await page.goto(`/key-pairs?region=${REGION}&q=imported`);
  await waitForHydration(page);
  await expect(page.getByTestId("key-count")).toHaveText("1 key pair(s)");
  await page.getByLabel("Choose kp-imported").check();
  await expect(page.getByTestId("key-details")).toContainText("No instance in this region uses this key pair.");
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText("No instance in this region uses it.");
  await dialog.getByLabel("Type delete to confirm").fill("delete");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Deleted key pair kp-imported")).toBeVisible();
  await page.goto(`/key-pairs?region=${REGION}`);
  await waitForHydration(page);
  await expect(page.getByTestId("key-count")).toHaveText("1 key pair(s)");
});

test("deleting a key pair names the instances that use it; read-only mode disables the changes", async ({ page }) => {
  await signIn(page, users.alice, "/key-pairs?region=us-east-1&name=demo-key");
  await waitForHydration(page);
  await expect(page.getByTestId("key-details")).toContainText("web-1 (i-");
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText("Used by:");
  await expect(dialog).toContainText("bastion (i-");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByTestId("read-only").click();
  await expect(page.getByTestId("read-only")).toHaveText("Read-only: on");
  await waitForHydration(page);
  await page.getByLabel("Choose demo-key").check();
  await expect(page.getByRole("button", { name: "Delete" })).toBeDisabled();
  await expect(page.locator("#create-key")).toBeDisabled();
  await expect(page.getByText("Read-only mode: changes are disabled.")).toBeVisible();
  await page.getByTestId("read-only").click();
  await expect(page.getByTestId("read-only")).toHaveText("Read-only: off");
});
