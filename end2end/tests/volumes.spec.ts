import { test, expect, signIn, users, waitForHydration } from "./fixtures";

// us-west-2 is the browser tests' playground (scripts/local_ec2.py start --e2e).
const PAGE = "/volumes?region=us-west-2";

test("create a volume, attach it, refuse to delete it while attached, detach and delete it", async ({ page }) => {
  await signIn(page, users.alice, PAGE);
  await waitForHydration(page);

  await page.getByRole("button", { name: "Create volume" }).first().click();
  const create = page.getByTestId("create-volume-form");
  await create.getByLabel("Name").fill("e2e-data");
  await create.getByLabel("Size (GiB)").fill("0");
  await create.getByRole("button", { name: "Create volume" }).click();
  await expect(create.getByRole("alert")).toContainText("size: must be 1–16384 GiB for gp3");
  await create.getByLabel("Size (GiB)").fill("12");
  await expect(create.locator("#new-volume-az option")).not.toHaveCount(0);
  await create.getByRole("button", { name: "Create volume" }).click();
  const created = page.getByTestId("notices").getByText(/^Created vol-\w+ \(12 GiB gp3 in us-west-2\w\)/);
  await expect(created).toBeVisible();
  const volumeId = (await created.textContent())!.match(/vol-\w+/)![0];
  const zone = (await created.textContent())!.match(/us-west-2\w/)![0];

  const row = page.locator("table.data-table").first().locator("tbody tr", { hasText: volumeId });
  await row.getByRole("radio").check();
  await page.getByRole("button", { name: "Attach" }).click();
  const attach = page.getByTestId("attach-form");
  const target = attach.locator("#attach-instance option", { hasText: new RegExp(`· ${zone}$`) }).first();
  await expect(target).toHaveCount(1);
  await attach.locator("#attach-instance").selectOption((await target.getAttribute("value"))!);
  await attach.getByRole("button", { name: "Attach volume" }).click();
  await expect(page.getByTestId("notices")).toContainText(`Attached ${volumeId}`);
  await expect(page.getByTestId("volume-details")).toContainText("as /dev/sdf");

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText("the console refuses to delete it until you detach it");
  await dialog.getByLabel("Type delete to confirm").fill("delete");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("notices")).toContainText("detach it before deleting it");
  await expect(row).toHaveCount(1);

  await page.getByRole("button", { name: "Detach" }).click();
  await dialog.getByRole("button", { name: "Detach" }).click();
  await expect(page.getByTestId("notices")).toContainText(`Detached ${volumeId}`);
  await expect(page.getByTestId("volume-details")).toContainText("Attached tonothing");

  await page.getByRole("button", { name: "Create snapshot" }).click();
  await page.getByTestId("snapshot-form").getByRole("button", { name: "Create snapshot" }).click();
  await expect(page.getByTestId("notices")).toContainText(`of ${volumeId}`);
  await expect(page.locator("table.data-table").last()).toContainText(volumeId);

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await dialog.getByLabel("Type delete to confirm").fill("delete");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("notices")).toContainText(`Deleted ${volumeId}`);
  await expect(row).toHaveCount(0);
});
