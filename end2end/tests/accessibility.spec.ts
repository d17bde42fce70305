import AxeBuilder from "@axe-core/playwright";
import { test, expect, signIn, users, waitForHydration, PAGES } from "./fixtures";
import type { Page } from "@playwright/test";

/** Light and dark in English; light in Korean (the layout and every text change with the language). */
const RUNS = [
  { scheme: "light", lang: "en" },
  { scheme: "dark", lang: "en" },
  { scheme: "light", lang: "ko" },
] as const;

/** The texts these tests look for, per language. */
const TEXT = {
  en: { instance: /^Instance i-/, cancel: "Cancel" },
  ko: { instance: /^인스턴스 i-/, cancel: "취소" },
};

/** Asks for Korean through the language switch's cookie (the page must be on the console). */
async function useLanguage(page: Page, lang: "en" | "ko") {
  if (lang === "en") return;
  await page.context().addCookies([{ name: "ec2c_locale", value: lang, url: new URL(page.url()).origin }]);
}

/** Fails the test (after it has gone through every page) on any serious or critical axe-core
 * violation on the page as it is now. */
async function audit(page: Page, where: string) {
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${where}: ${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  expect.soft(found, "serious or critical accessibility violations").toEqual([]);
}

for (const { scheme, lang } of RUNS) {
  test(`every page has no serious accessibility violation (${scheme}, ${lang})`, async ({ page }) => {
    // A dozen pages, each hydrated, settled and audited, with the other worker busy too.
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme: scheme });
    await signIn(page, users.alice, "/");
    await useLanguage(page, lang);
    for (const path of PAGES) {
      await page.goto(path);
      await waitForHydration(page);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.locator("h1").first()).toBeVisible();
      await audit(page, `${path} (${scheme}, ${lang})`);
    }
    await page.context().clearCookies();
    await useLanguage(page, lang);
    await page.goto("/sign-in");
    await waitForHydration(page);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await audit(page, `/sign-in (${scheme}, ${lang})`);
  });

  test(`the details panel and a confirmation dialog have no serious violation (${scheme}, ${lang})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await signIn(page, users.alice, "/instances?region=us-east-1&q=name%3Ddb-1");
    await useLanguage(page, lang);
    await page.goto("/instances?region=us-east-1&q=name%3Ddb-1");
    await waitForHydration(page);
    const first = page.locator("table.data-table tbody tr").first();
    await first.locator("a.id-link").click();
    await expect(page.getByRole("heading", { name: TEXT[lang].instance })).toBeVisible();
    await audit(page, `details panel (${scheme}, ${lang})`);
    await first.getByRole("checkbox").check();
    await page.locator("button[data-action=Terminate]").click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toBeVisible();
    await audit(page, `terminate dialog (${scheme}, ${lang})`);
    await dialog.getByRole("button", { name: TEXT[lang].cancel }).click();
    await expect(dialog).toBeHidden();
  });
}
