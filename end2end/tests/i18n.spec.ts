import { test, expect, signIn, users, waitForHydration, PAGES } from "./fixtures";
import type { BrowserContext, Page } from "@playwright/test";

/** English words a Korean page may show: AWS's and the web's acronyms and names, units, keys. */
const ALLOWED = new Set([
  // Names: the product, AWS's services and tools, the language switch's own name for English.
  "EC2", "Console", "AWS", "Amazon", "English", "CloudWatch", "OpenSSH", "Linux", "Windows",
  // Keys and units.
  "Ctrl", "Enter", "Esc", "Escape", "Tab", "Shift", "Alt", "Space", "K", "vCPU",
  // The filters' syntax and values, typed as they are: `key = value`, the audit log's outcomes,
  // an AMI name in the AMI search's example.
  "key", "value", "ok", "failed", "ubuntu",
]);

/** Whether a token is an identifier or AWS's word rather than a sentence's word: IDs and names
 * with digits or punctuation, acronyms (IOPS, GiB, IPv4), API names (RunInstances). */
function isIdentifier(token: string): boolean {
  return /[0-9_.:/@=-]/.test(token) || /^[A-Z][A-Za-z]*[A-Z]/.test(token) || /^[A-Z]+s?$/.test(token)
    || /^(GiB|MiB|KiB|TiB|IPv\d)$/.test(token);
}

/** The English words of the page's visible text outside data (table cells, definitions, code,
 * options, form values, what is marked `translate="no"`), its placeholders and its accessible
 * names. A word the page shows as data (an instance's name) is data wherever it appears. */
async function englishWords(page: Page): Promise<string[]> {
  const [texts, dataTexts] = await page.evaluate(() => {
    const data = "td, dd, code, pre, kbd, samp, option, textarea, [translate=no], script, style, noscript";
    const out: string[] = [];
    const inData: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el) continue;
      if (el.closest(data)) inData.push(node.textContent ?? "");
      else if (el.checkVisibility()) out.push(node.textContent ?? "");
    }
    for (const el of Array.from(document.querySelectorAll("[placeholder], [aria-label], [title]"))) {
      if (el.closest(data)) continue;
      for (const name of ["placeholder", "aria-label", "title"]) {
        // A state's tooltip is AWS's value for it, shown beside its translation.
        if (name === "title" && el.hasAttribute("data-state")) continue;
        const value = el.getAttribute(name);
        if (value) out.push(value);
      }
    }
    return [out, inData];
  });
  const shownAsData = new Set(dataTexts.join(" ").match(/[A-Za-z]+/g) ?? []);
  const words = new Set<string>();
  for (const token of texts.join(" ").split(/[\s,;()[\]{}"'“”‘’…·—–!?]+/)) {
    if (!token || isIdentifier(token)) continue;
    for (const word of token.match(/[A-Za-z]+/g) ?? []) {
      if (!ALLOWED.has(word) && !shownAsData.has(word)) words.add(word);
    }
  }
  return [...words];
}

/** Makes this browser ask for Korean through the switch's cookie. */
async function chooseKorean(context: BrowserContext, page: Page) {
  await context.addCookies([{ name: "ec2c_locale", value: "ko", url: new URL(page.url()).origin }]);
}

test("the language switch re-renders the page in Korean without a reload, keeps the URL, and is remembered", async ({ page }) => {
  const url = "/volumes?region=us-east-1";
  await signIn(page, users.alice, url);
  await waitForHydration(page);
  const html = page.locator("html");
  await expect(html).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Volumes");
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

  await page.getByLabel("Language").selectOption("ko");
  await expect(html).toHaveAttribute("lang", "ko");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("볼륨");
  await expect(page.getByRole("link", { name: "인스턴스", exact: true })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(url);

  // The server renders the choice, so the next page's first paint is already Korean.
  const next = await (await page.request.get("/instances?region=us-east-1")).text();
  expect(next).toContain('lang="ko"');
  expect(next).toContain("인스턴스 시작");
  await page.goto("/instances?region=us-east-1");
  await waitForHydration(page);
  await expect(page.getByLabel("언어")).toHaveValue("ko");

  await page.getByLabel("언어").selectOption("en");
  await expect(html).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Instances");
});

test.describe("a browser that asks for Korean", () => {
  test.use({ locale: "ko-KR" });

  test("gets the sign-in page in Korean, and English words only where AWS wrote them", async ({ page }) => {
    await page.goto("/sign-in");
    await waitForHydration(page);
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(page.getByLabel("액세스 키 ID")).toBeVisible();
    expect(await englishWords(page), "/sign-in").toEqual([]);
  });
});

test("every page in Korean shows no English word outside AWS's words and the data", async ({ page, context }) => {
  // A dozen pages, each hydrated and settled, with the other worker busy too.
  test.setTimeout(240_000);
  await signIn(page, users.alice, "/");
  await chooseKorean(context, page);
  for (const path of PAGES) {
    await page.goto(path);
    await waitForHydration(page);
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(page.locator("h1").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect.soft(await englishWords(page), path).toEqual([]);
  }
});

/** Signs in, asks for Korean and opens the Key pairs page's "create" form (us-west-2, the playground). */
async function openKeyPairFormInKorean(page: Page, context: BrowserContext) {
  const url = "/key-pairs?region=us-west-2";
  await signIn(page, users.alice, url);
  await chooseKorean(context, page);
  await page.goto(url);
  await waitForHydration(page);
  await page.locator("summary", { hasText: "새 키 페어 생성" }).click();
}

test("in Korean, AWS's refusal keeps AWS's code and its English message, marked as English", async ({ page, context }) => {
  await openKeyPairFormInKorean(page, context);
  await page.locator("#new-key-name").fill("e2e-ko-twice");
  await page.locator("#create-key").click();
  await expect(page.getByTestId("new-key")).toContainText("e2e-ko-twice");
  await page.locator("#new-key-name").fill("e2e-ko-twice");
  await page.locator("#create-key").click();
  const alert = page.locator(".alert-error", { hasText: "InvalidKeyPair.Duplicate" });
  await expect(alert).toBeVisible();
  await expect(alert.locator(".alert-detail")).toHaveAttribute("lang", "en");
  expect(await englishWords(page)).toEqual([]);
});

test("in Korean, a field's check names the field and says what is wrong in Korean", async ({ page, context }) => {
  await openKeyPairFormInKorean(page, context);
  await page.locator("#create-key").click();
  const alert = page.locator(".alert-error");
  await expect(alert).toContainText("키 페어 이름:");
  expect(await englishWords(page)).toEqual([]);
});
