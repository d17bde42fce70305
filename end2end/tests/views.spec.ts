import { Browser, Page } from "@playwright/test";
import { test, expect, signIn, users, waitForHydration, User } from "./fixtures";

const VIEW = "e2e running in us-east-1";

async function as(browser: Browser, user: User, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user, path);
  await waitForHydration(page);
  return page;
}

function choices(page: Page) {
  return page.getByLabel("Saved view", { exact: true }).locator("option");
}

test("a shared view saved by one person opens for a second of the same account and not for another account", async ({ page, browser }) => {
  await signIn(page, users.alice, "/instances?region=us-east-1&q=state%20%3D%20running&sort=-name");
  await waitForHydration(page);
  const bar = page.getByTestId("view-bar");
  await bar.getByRole("button", { name: "Save as new" }).click();
  await bar.getByLabel("View name").fill(VIEW);
  await bar.getByLabel("Description").fill("what the on-call looks at");
  await bar.getByLabel("Share with everyone in this AWS account").check();
  await bar.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByTestId("notices")).toContainText(`Saved view “${VIEW}”`);
  await expect(page).toHaveURL(/view=[0-9a-f]{16}/);
  await expect(bar.getByTestId("unsaved")).toHaveCount(0);
  await page.getByLabel("Filter instances").fill("state = stopped");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(bar.getByTestId("unsaved")).toHaveText("(unsaved changes)");

  const bob = await as(browser, users.bob, "/instances?region=us-east-1");
  const shared = choices(bob).filter({ hasText: VIEW });
  await expect(shared).toHaveText(`${VIEW} (shared by user/alice)`);
  await bob.getByLabel("Saved view", { exact: true }).selectOption({ label: `${VIEW} (shared by user/alice)` });
  await expect(bob).toHaveURL(/q=state%20%3D%20running/);
  await expect(bob.getByLabel("Filter instances")).toHaveValue("state = running");
  await expect(bob.getByTestId("instance-count")).toContainText("instances in us-east-1");
  const bobBar = bob.getByTestId("view-bar");
  await expect(bobBar).toContainText("what the on-call looks at");
  await expect(bobBar.getByRole("button", { name: "Update view" })).toBeDisabled();
  await expect(bobBar.getByRole("button", { name: "Remove view" })).toBeDisabled();
  await bob.context().close();

  const carol = await as(browser, users.carol, "/instances?region=us-east-1");
  await expect(choices(carol)).toHaveText(["(none)"]);
  await carol.context().close();
});

test("a default view opens when the page is opened bare, and a view with problems says so", async ({ page }) => {
  await signIn(page, users.alice, "/volumes?region=us-west-2&q=gp3");
  await waitForHydration(page);
  const bar = page.getByTestId("view-bar");
  await bar.getByRole("button", { name: "Save as new" }).click();
  await bar.getByLabel("View name").fill("e2e gp3 volumes");
  await bar.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByTestId("notices")).toContainText("Saved view “e2e gp3 volumes”");
  await bar.getByRole("button", { name: "Open by default" }).click();
  await expect(page.getByTestId("notices")).toContainText("“e2e gp3 volumes” opens by default");

  await page.goto("/volumes");
  await expect(page).toHaveURL(/\/volumes\?q=gp3&region=us-west-2&view=/);
  await expect(page.getByLabel("Filter volumes")).toHaveValue("gp3");

  // A name already in use is refused, and what was typed stays.
  await bar.getByRole("button", { name: "Save as new" }).click();
  await bar.getByLabel("View name").fill("E2E gp3 volumes");
  await bar.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByTestId("notices").locator("[data-tone=Error]")).toContainText("already exists");
  await expect(bar.getByLabel("View name")).toHaveValue("E2E gp3 volumes");

  await bar.getByRole("button", { name: "Remove view" }).click();
  await page.getByRole("alertdialog", { name: "Remove this saved view?" }).getByRole("button", { name: "Remove it" }).click();
  await expect(page.getByTestId("notices")).toContainText("Removed view “e2e gp3 volumes”");
  await page.goto("/volumes");
  await expect(page).toHaveURL(/\/volumes$/);
});
