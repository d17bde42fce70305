import { test, expect, signIn, users, waitForHydration } from "./fixtures";

// us-west-2 is the browser tests' playground (scripts/local_ec2.py start --e2e).
const PAGE = "/addresses?region=us-west-2";

test("allocate, associate with an instance, refuse to release while associated, disassociate, release", async ({ page }) => {
  await signIn(page, users.alice, PAGE);
  await waitForHydration(page);
  const before = await page.getByTestId("address-count").textContent();

  await page.getByRole("button", { name: "Allocate Elastic IP address" }).click();
  const allocated = page.getByText(/^Allocated 127\.\d+\.\d+\.\d+ \(eipalloc-/);
  await expect(allocated).toBeVisible();
  const ip = (await allocated.textContent())!.match(/127\.\d+\.\d+\.\d+/)![0];
  const details = page.getByTestId("address-details");
  await expect(details).toContainText(ip);
  await expect(details).toContainText("Associated withnothing");

  await page.getByRole("button", { name: "Associate", exact: true }).click();
  const form = page.getByTestId("associate-form");
  const option = form.locator("#assoc-instance-id option", { hasText: "e2e-tags (" });
  await expect(option).toHaveCount(1);
  await form.locator("#assoc-instance-id").selectOption((await option.getAttribute("value"))!);
  await form.getByRole("button", { name: "Associate" }).click();
  await expect(page.getByText(`Associated ${ip}`, { exact: true })).toBeVisible();
  await expect(details).toContainText(/Associated withi-/);

  // Release is refused by the console while associated; the address stays.
  await page.getByRole("button", { name: "Release" }).click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText("the console refuses to release it until you disassociate it");
  await dialog.getByLabel("Type release to confirm").fill("release");
  await dialog.getByRole("button", { name: "Release" }).click();
  await expect(page.getByTestId("notices")).toContainText(`Release ${ip}: Invalid input`);
  await expect(page.getByTestId("notices")).toContainText("disassociate it before releasing it");
  await expect(details).toContainText(ip);

  await page.getByRole("button", { name: "Disassociate" }).click();
  await dialog.getByRole("button", { name: "Disassociate" }).click();
  await expect(page.getByText(`Disassociated ${ip}`, { exact: true })).toBeVisible();
  await expect(details).toContainText("Associated withnothing");

  await page.getByRole("button", { name: "Release" }).click();
  await dialog.getByLabel("Type release to confirm").fill("release");
  await dialog.getByRole("button", { name: "Release" }).click();
  await expect(page.getByText(`Released ${ip}`, { exact: true })).toBeVisible();
  await expect(page.getByTestId("address-count")).toHaveText(before!);
});

test("a malformed network interface ID is refused by name and nothing changes", async ({ page }) => {
  await signIn(page, users.alice, "/addresses?region=us-east-1");
  await waitForHydration(page);
  await page.locator("table.data-table tbody tr").first().getByRole("radio").check();
  await page.getByRole("button", { name: "Associate", exact: true }).click();
  const form = page.getByTestId("associate-form");
  await form.getByLabel("Network interface", { exact: true }).check();
  await form.getByLabel("Network interface ID").fill("eni-nothex!");
  await form.getByRole("button", { name: "Associate" }).click();
  await expect(form.getByRole("alert")).toContainText("network interface: “eni-nothex!” is not a network interface ID");
  await form.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("address-details")).toContainText("Associated withi-");
});
