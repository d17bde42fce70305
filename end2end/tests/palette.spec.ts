import { test, expect, signIn, users, waitForHydration } from "./fixtures";

test("the palette finds an instance in another region by its ID and opens its details, by keyboard alone", async ({ page }) => {
  await signIn(page, users.alice, "/instances?region=ap-northeast-2&q=name%3De2e-palette");
  const id = (await page.locator("table.data-table tbody tr td[data-column=id]").first().innerText()).trim();
  expect(id).toMatch(/^i-[0-9a-f]+$/);

  await page.goto("/instances?region=us-east-1");
  await waitForHydration(page);
  await page.keyboard.press("Control+K");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole("combobox")).toBeFocused();
  await page.keyboard.type(id);
  const found = palette.getByRole("option", { name: `Instance ${id} in ap-northeast-2` });
  // Found by asking every region in turn: give the search longer than one answer's wait.
  await expect(found).toBeVisible({ timeout: 30_000 });
  await expect(found).toHaveAttribute("aria-selected", "true");
  await expect(palette.getByRole("status")).toContainText(`Found Instance ${id} in ap-northeast-2`);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`region=ap-northeast-2&id=${id}`));
  await expect(page.getByRole("heading", { name: `Instance ${id}` })).toBeVisible();
  await expect(palette).toBeHidden();

  // It is a recent item now, and pages and commands are a few keys away.
  await page.keyboard.press("Control+K");
  await expect(palette.getByRole("option").first()).toHaveText(`Recent: Instance ${id} in ap-northeast-2`);
  await page.keyboard.type("go to volumes");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/volumes\?region=ap-northeast-2/);
  await expect(page.getByRole("heading", { name: "Volumes", level: 1 })).toBeVisible();

  await page.keyboard.press("Control+K");
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
  await page.keyboard.press("/");
  await expect(page.locator("main input[type=search]").first()).toBeFocused();
});

test("arrows move through the results and the page's own commands run", async ({ page }) => {
  await signIn(page, users.alice, "/instances?region=us-east-1");
  await waitForHydration(page);
  await page.keyboard.press("Control+K");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await page.keyboard.type("switch region");
  const options = palette.getByRole("option");
  await expect(options.nth(1)).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  const combobox = palette.getByRole("combobox");
  await expect(combobox).toHaveAttribute("aria-activedescendant", "palette-opt-1");
  await page.keyboard.press("ArrowUp");
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("switch to all regions");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/instances\?region=all/);
  await expect(page.getByTestId("region-strip")).toBeVisible();
});
