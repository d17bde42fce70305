import type { Locator, Page } from "@playwright/test";
import { test, expect, signIn, users, waitForHydration } from "./fixtures";

// Driven by the keyboard alone: Tab / Shift+Tab to move, Space / Enter / typing to act. The test
// only reads where the focus is.

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 250 } = {}) {
  const handle = await target.elementHandle();
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((el) => el === document.activeElement, handle)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`focus never reached ${target}`);
}

/** Whether the focused element is inside `container`. */
async function focusInside(container: Locator): Promise<boolean> {
  return container.evaluate((el) => el.contains(document.activeElement));
}

/** The focused element shows a focus ring (an outline or a box shadow). */
async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  });
}

const PLAYGROUND = "/instances?region=us-west-2";

function row(page: Page, name: string) {
  return page.locator("table.data-table tbody tr", { has: page.locator("td[data-column=name]", { hasText: new RegExp(`^${name}$`) }) });
}

test("select and stop an instance by keyboard; the dialog traps and returns the focus", async ({ page }) => {
  await signIn(page, users.alice, PLAYGROUND);
  await waitForHydration(page);
  await expect(page.getByTestId("notices")).toHaveAttribute("aria-live", /polite|assertive/);

  const box = row(page, "e2e-kbd-stop").getByRole("checkbox");
  await tabTo(page, box);
  expect(await focusIsVisible(page), "the checkbox shows its focus").toBe(true);
  await page.keyboard.press("Space");
  await expect(box).toBeChecked();

  const stop = page.locator("button[data-action=Stop]");
  await tabTo(page, stop);
  expect(await focusIsVisible(page), "the Stop button shows its focus").toBe(true);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Stop 1 instance?");
  expect(await focusInside(dialog), "the dialog takes the focus").toBe(true);
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await focusInside(dialog), "Tab stays in the dialog").toBe(true);
  }
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await focusInside(dialog), "Shift+Tab stays in the dialog").toBe(true);
  }

  // Escape cancels and the focus goes back to the button that opened it.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(stop).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole("button", { name: "Stop" }));
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(row(page, "e2e-kbd-stop").locator("td[data-column=state]")).toHaveText(/stopped/);
});

test("terminate by keyboard, typing the word", async ({ page }) => {
  await signIn(page, users.alice, PLAYGROUND);
  await waitForHydration(page);
  await tabTo(page, row(page, "e2e-kbd-term").getByRole("checkbox"));
  await page.keyboard.press("Space");
  await tabTo(page, page.locator("button[data-action=Terminate]"));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Terminate 1 instance?");
  const word = dialog.getByLabel("Type terminate to confirm");
  await tabTo(page, word);
  await page.keyboard.type("terminat");
  const confirm = dialog.getByRole("button", { name: "Terminate" });
  await expect(confirm).toBeDisabled();
  await page.keyboard.type("e");
  await expect(confirm).toBeEnabled();
  await tabTo(page, confirm);
  await page.keyboard.press("Enter");
  await expect(row(page, "e2e-kbd-term").locator("td[data-column=state]")).toHaveText(/terminated/);
});

test("create a security group and add a rule by keyboard", async ({ page }) => {
  const groups = "/security-groups?region=us-west-2";
  await signIn(page, users.alice, groups);
  await waitForHydration(page);

  await tabTo(page, page.getByRole("button", { name: "Create security group" }).first());
  await page.keyboard.press("Enter");
  const form = page.getByTestId("group-form");
  await tabTo(page, form.getByLabel("Security group name"));
  await page.keyboard.type("e2e-kbd");
  await tabTo(page, form.getByLabel("Description"));
  await page.keyboard.type("made by keyboard");
  await tabTo(page, form.getByRole("button", { name: "Create security group" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("notices")).toContainText("Created security group e2e-kbd");

  const inbound = page.getByTestId("inbound-rules");
  await tabTo(page, inbound.getByRole("button", { name: "Add rule" }));
  await page.keyboard.press("Enter");
  const type = inbound.getByLabel("Rule 1 type");
  await tabTo(page, type);
  await page.keyboard.type("HTTPS");
  await expect(type).toHaveValue("HTTPS");
  await tabTo(page, inbound.getByLabel("Rule 1 source"));
  await page.keyboard.type("10.0.0.0/8");
  await tabTo(page, inbound.getByRole("button", { name: "Save inbound rules" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("notices")).toContainText("Saved the rules of e2e-kbd");
  const created = page.locator("table.data-table").first().locator("tbody tr", { hasText: "e2e-kbd" });
  await expect(created.locator("td[data-column=inbound]")).toHaveText("1");
});

test("launch an instance by keyboard", async ({ page }) => {
  const launch = "/launch?region=eu-west-2";
  await signIn(page, users.alice, launch);
  await waitForHydration(page);
  await tabTo(page, page.locator("#launch-name"));
  await page.keyboard.type("e2e-kbd-launch");
  // The quick-start row is one radio group: Tab reaches it, the arrows choose within it.
  await tabTo(page, page.locator("input[name=quick-start]").first());
  const ubuntu = page.getByLabel(/^Ubuntu 24\.04 LTS · x86_64/);
  for (let i = 0; i < 12 && !(await ubuntu.isChecked()); i++) await page.keyboard.press("ArrowDown");
  await expect(ubuntu).toBeChecked();
  await expect(page.getByTestId("summary-type")).not.toHaveText("none chosen");
  const button = page.getByRole("button", { name: "Launch instance" });
  // Launch stays off until the region's VPCs, subnets and security groups have loaded.
  await expect(button).toBeEnabled();
  await tabTo(page, button);
  expect(await focusIsVisible(page), "the Launch button shows its focus").toBe(true);
  await page.keyboard.press("Enter");
  const result = page.getByTestId("launch-result");
  await expect(result).toContainText("Launch started");
  await expect(result).toContainText("running");
});
