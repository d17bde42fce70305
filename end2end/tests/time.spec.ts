import { Page } from "@playwright/test";
import { test, expect, failSignIn, signIn, users, waitForHydration } from "./fixtures";

// This browser lives in Seoul (UTC+9 all year): times must show there unless UTC is chosen.
test.use({ timezoneId: "Asia/Seoul" });

const SEOUL = 9 * 60;
const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
const pad = (n: number) => String(n).padStart(2, "0");

/** The calendar fields of `iso` read `offset` minutes east of UTC. */
function fields(iso: string, offset: number) {
  const d = new Date(Date.parse(iso) + offset * 60_000);
  const hour = d.getUTCHours();
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour12: hour % 12 || 12, am: hour < 12, minute: pad(d.getUTCMinutes()), second: pad(d.getUTCSeconds()),
  };
}

/** `iso` as an English page writes it: `Dec 2, 2026, 1:58:05 PM UTC+9`. */
function english(iso: string, offset: number, zone: string): string {
  const f = fields(iso, offset);
  return `${MONTHS[f.month - 1]} ${f.day}, ${f.year}, ${f.hour12}:${f.minute}:${f.second} ${f.am ? "AM" : "PM"} ${zone}`;
}

/** `iso` as a Korean page writes it: `2026. 12. 2. 오후 1:58:05 UTC+9`. */
function korean(iso: string, offset: number, zone: string): string {
  const f = fields(iso, offset);
  return `${f.year}. ${f.month}. ${f.day}. ${f.am ? "오전" : "오후"} ${f.hour12}:${f.minute}:${f.second} ${zone}`;
}

/** The first launch time of the Instances page, and the instant it stands for. */
async function firstLaunchTime(page: Page) {
  const time = page.locator("table.data-table td[data-column=launch_time] time").first();
  const iso = await time.getAttribute("datetime");
  expect(iso, "a launch time carries its instant").toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  return { time, iso: iso! };
}

test("times show in the browser's zone, named; the switch shows UTC and is remembered", async ({ page }) => {
  await signIn(page, users.alice, "/instances?region=us-east-1");
  await waitForHydration(page);
  const zone = page.getByLabel("Time zone");
  await expect(zone).toHaveValue("local");
  await expect(zone.locator("option[value=local]")).toHaveText("Local (Asia/Seoul)");

  const { time, iso } = await firstLaunchTime(page);
  await expect(time).toHaveText(english(iso, SEOUL, "UTC+9"));
  const utcTooltip = `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  await expect(time).toHaveAttribute("title", utcTooltip);

  // The details panel shows the same instant the same way.
  await page.locator("table.data-table tbody tr td[data-column=id] a").first().click();
  const panel = page.getByTestId("details-panel");
  const launched = panel.locator("dd time").first();
  await expect(launched).toHaveAttribute("datetime", /.+/);
  const panelIso = (await launched.getAttribute("datetime"))!;
  await expect(launched).toHaveText(english(panelIso, SEOUL, "UTC+9"));

  // UTC at once, without a reload; then the server renders UTC too, so nothing changes on hydration.
  await zone.selectOption("utc");
  await expect(launched).toHaveText(english(panelIso, 0, "UTC"));
  await expect(time).toHaveText(english(iso, 0, "UTC"));
  const html = await (await page.request.get("/instances?region=us-east-1")).text();
  expect(html).toContain(english(iso, 0, "UTC"));
  await page.reload();
  await waitForHydration(page);
  await expect(page.getByLabel("Time zone")).toHaveValue("utc");
  await expect((await firstLaunchTime(page)).time).toHaveText(english(iso, 0, "UTC"));

  await page.getByLabel("Time zone").selectOption("local");
  await expect((await firstLaunchTime(page)).time).toHaveText(english(iso, SEOUL, "UTC+9"));
});

test("a Korean page writes times the Korean way, and the audit log's times follow the zone", async ({ page, context, browser }) => {
  await signIn(page, users.alice, "/instances?region=us-east-1");
  // A failed sign-in with alice's key is an audit record of her account.
  await failSignIn(browser, users.alice, "time-wrong-secret");

  await context.addCookies([{ name: "ec2c_locale", value: "ko", url: page.url() }]);
  await page.goto("/instances?region=us-east-1");
  await waitForHydration(page);
  await expect(page.getByLabel("시간대").locator("option[value=local]")).toHaveText("로컬(Asia/Seoul)");
  const { time, iso } = await firstLaunchTime(page);
  await expect(time).toHaveText(korean(iso, SEOUL, "UTC+9"));

  // The record's time is shown in Seoul; what it carries (and exports) is UTC.
  await page.goto("/audit");
  await waitForHydration(page);
  const record = page.getByTestId("audit-table").locator("tbody tr time").first();
  const recordIso = (await record.getAttribute("datetime"))!;
  expect(recordIso).toMatch(/Z$/);
  await expect(record).toHaveText(korean(recordIso, SEOUL, "UTC+9"));
});
