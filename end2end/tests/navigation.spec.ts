import type { Page } from "@playwright/test";
import { test, expect, signIn, users, waitForHydration } from "./fixtures";

/** The names of the WASM files `page` fetches from now on, in the order they arrive. */
function wasmFetches(page: Page): string[] {
  const wasm: string[] = [];
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith("/pkg/") && path.endsWith(".wasm")) wasm.push(path.slice(5));
  });
  return wasm;
}

// Each page is a lazy route (app/src/lib.rs) in a group's chunk: a first visit loads the main module
// and that group's chunks; following a link loads the next group's chunks, with a progress line while
// they come. The command palette's chunk comes only when it is first opened. A first visit gets its
// page's chunks in one pack (scripts/pack_chunks.py).
test("a page's code loads with the page, the next page's when a link is followed", async ({ page }) => {
  // Land on the dashboard and let it hydrate, so no chunk of the sign-in landing page is still
  // arriving when the count starts.
  await signIn(page, users.alice, "/");
  await waitForHydration(page);
  const wasm = wasmFetches(page);
  await page.goto("/instances?region=us-west-2");
  await waitForHydration(page);
  // A first visit fetches the page's chunks as one pack (scripts/pack_chunks.py), nothing else's.
  expect(wasm).toContain("ec2-console.wasm");
  expect(wasm.filter((f) => f.startsWith("pack_instances_page_"))).toHaveLength(1);
  expect(wasm.filter((f) => f.startsWith("pack_") && !f.startsWith("pack_instances_page_"))).toEqual([]);
  expect(wasm.filter((f) => f.startsWith("split_") || f.startsWith("chunk_"))).toEqual([]);

  wasm.length = 0;
  const progress = page.getByRole("progressbar", { name: "Loading page" });
  await expect(progress).toBeHidden();
  await page.getByRole("navigation", { name: "EC2" }).getByRole("link", { name: "Volumes" }).click();
  await expect(page).toHaveURL(/\/volumes\?region=us-west-2/);
  await expect(page.getByRole("heading", { level: 1, name: "Volumes" })).toBeVisible();
  // A page reached by a link fetches only the chunks not loaded yet, each on its own.
  expect(wasm.filter((f) => f.startsWith("split_resource_pages_"))).toHaveLength(1);
  expect(wasm.filter((f) => f.startsWith("pack_"))).toEqual([]);
  expect(wasm, "the main module is not fetched again").not.toContain("ec2-console.wasm");
  await expect(progress).toBeHidden();

  // The page came from its chunk and is interactive: its create form opens.
  await page.getByRole("button", { name: "Create volume" }).first().click();
  await expect(page.getByTestId("create-volume-form")).toBeVisible();

  // The palette's code arrives with the first Ctrl+K, and what is typed at once is kept.
  wasm.length = 0;
  await page.keyboard.press("Control+K");
  await page.keyboard.type("go to key");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await expect(palette.getByRole("combobox")).toHaveValue("go to key");
  expect(wasm.filter((f) => f.startsWith("split_palette_view_"))).toHaveLength(1);
  await expect(palette.getByRole("option").first()).toHaveText("Go to Key pairs");
});

test("a first visit whose pack does not arrive loads the page's chunks one by one", async ({ page }) => {
  await signIn(page, users.alice, "/");
  await waitForHydration(page);
  await page.route("**/pkg/pack_*", (route) => route.abort());
  const wasm = wasmFetches(page);
  await page.goto("/instances?region=us-west-2");
  await waitForHydration(page);
  expect(wasm.filter((f) => f.startsWith("split_instances_page_"))).toHaveLength(1);
  expect(wasm.filter((f) => f.startsWith("chunk_")).length).toBeGreaterThan(0);
  // Hydrated from the chunks: sorting happens in the page (a full load would drop the marker).
  await page.evaluate(() => ((window as any).__noReload = "still-here"));
  await page.getByRole("link", { name: "Name", exact: true }).click();
  await expect(page).toHaveURL(/sort=name/);
  expect(await page.evaluate(() => (window as any).__noReload)).toBe("still-here");
});

test("an unknown path renders the not-found page and hydrates", async ({ page }) => {
  await signIn(page, users.alice);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page).toHaveURL(/\/$/);
});
