import { test, expect, signIn, users, waitForHydration } from "./fixtures";

/** The page's background colour as the browser computed it. */
const background = (page: import("@playwright/test").Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

const LIGHT = "rgb(244, 245, 247)";
const DARK = "rgb(15, 20, 26)";

test("the theme follows the system, and the switch's choice is kept by this browser", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await signIn(page, users.alice, "/instances?region=us-east-1");
  await waitForHydration(page);
  const html = page.locator("html");
  await expect(html).not.toHaveAttribute("data-theme", /.*/);
  expect(await background(page)).toBe(DARK);

  const theme = page.getByLabel("Theme");
  await expect(theme).toHaveValue("system");
  await theme.selectOption("light");
  await expect(html).toHaveAttribute("data-theme", "light");
  expect(await background(page)).toBe(LIGHT);

  // The server renders the choice, so the first paint of the next page is already light.
  const response = await page.request.get("/volumes?region=us-east-1");
  expect(await response.text()).toContain('data-theme="light"');
  await page.goto("/volumes?region=us-east-1");
  await waitForHydration(page);
  await expect(page.getByLabel("Theme")).toHaveValue("light");
  expect(await background(page)).toBe(LIGHT);

  await page.getByLabel("Theme").selectOption("dark");
  await page.emulateMedia({ colorScheme: "light" });
  expect(await background(page)).toBe(DARK);
  await page.getByLabel("Theme").selectOption("system");
  await expect(html).not.toHaveAttribute("data-theme", /.*/);
  expect(await background(page)).toBe(LIGHT);
});

test("the sign-in page has the switch too, driven by keyboard", async ({ page }) => {
  await page.goto("/sign-in");
  await waitForHydration(page);
  const theme = page.getByLabel("Theme");
  await theme.focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background(page)).toBe(DARK);
});
