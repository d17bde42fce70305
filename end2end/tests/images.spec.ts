import { test, expect, signIn, users, waitForHydration } from "./fixtures";

test("create an image from an instance, launch from it, deregister it", async ({ page }) => {
  await signIn(page, users.alice, "/images?region=us-west-2");
  await waitForHydration(page);
  await expect(page.getByTestId("image-count")).toHaveText("0 image(s)");

  await page.getByRole("button", { name: "Create image from an instance" }).click();
  const form = page.getByTestId("create-image-form");
  const option = form.locator("#image-instance option", { hasText: "e2e-tags (" });
  await expect(option).toHaveCount(1);
  await form.locator("#image-instance").selectOption((await option.getAttribute("value"))!);
  await expect(form.getByTestId("image-volumes")).toContainText("(root, always included)");
  await expect(form.getByTestId("image-volumes").getByRole("checkbox").first()).toBeDisabled();
  await form.getByLabel("Image name").fill("e2e*bad");
  await form.getByRole("button", { name: "Create image" }).click();
  await expect(form.getByRole("alert")).toContainText("image name: may not contain “*”");
  await form.getByLabel("Image name").fill("e2e-golden");
  await form.getByLabel("Description").fill("made in the browser test");
  await form.getByRole("button", { name: "Create image" }).click();
  await expect(page.getByTestId("notices")).toContainText("Creating image ami-");
  await expect(page.getByTestId("image-count")).toHaveText("1 image(s)");

  await page.getByLabel(/^Choose ami-/).check();
  await expect(page.getByTestId("image-details")).toContainText("e2e-golden");
  await page.getByRole("link", { name: "Launch instance from AMI" }).click();
  await expect(page).toHaveURL(/\/launch\?region=us-west-2&image=ami-/);
  await waitForHydration(page);
  await expect(page.getByTestId("summary-ami")).toContainText("e2e-golden");
  await page.locator("#launch-name").fill("e2e-from-image");
  await page.getByLabel("Key pair name").selectOption("");
  await expect(page.getByTestId("summary-type")).toHaveText("t3.micro");
  await page.getByRole("button", { name: "Launch instance" }).click();
  await expect(page.getByTestId("launch-result")).toContainText("running");

  await page.goto("/images?region=us-west-2");
  await waitForHydration(page);
  await page.getByLabel(/^Choose ami-/).check();
  await page.getByRole("button", { name: "Deregister" }).click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText("Its snapshots: snap-");
  await expect(dialog.getByLabel("Also delete its snapshots")).toBeChecked();
  await dialog.getByLabel("Type deregister to confirm").fill("deregister");
  await dialog.getByRole("button", { name: "Deregister" }).click();
  await expect(page.getByTestId("notices")).toContainText(/Deregistered ami-\w+ and deleted snap-/);
  await expect(page.getByTestId("image-count")).toHaveText("0 image(s)");
});

test("the public catalogue is searchable and the scope lives in the URL", async ({ page }) => {
  await signIn(page, users.alice, "/images?region=us-east-1");
  await waitForHydration(page);
  await page.getByRole("tab", { name: "Public images" }).click();
  await expect(page).toHaveURL(/scope=public/);
  await page.getByLabel("Search by name, description, AMI ID or architecture").fill("arm64");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=arm64/);
  await expect(page.getByTestId("image-count")).toHaveText("2 image(s)");
  await expect(page.getByRole("button", { name: "Deregister" })).toBeDisabled();
});
