import { test as base, expect, Browser, BrowserContext, Page } from "@playwright/test";
import { readFileSync } from "fs";

/** An IAM user created by scripts/local_ec2.py (moto with IAM authentication on). */
export interface User {
  access_key_id: string;
  secret_access_key: string;
  arn: string;
}

/** alice may do anything; bob may not launch or terminate; carol is in another AWS account.
 * USERS_FILE is set by scripts/e2e.sh. */
export const users: { alice: User; bob: User; carol: User } = JSON.parse(readFileSync(process.env.USERS_FILE ?? "", "utf8"));

const secrets = Object.values(users).map((u) => u.secret_access_key);

/** Records every completed response body of `context` but the build's static files; `check()` fails
 * if any holds a secret. */
export function watchForSecrets(context: BrowserContext) {
  const leaks: string[] = [];
  const pending: Promise<void>[] = [];
  let seen = 0;
  // `requestfinished` fires once the whole body has arrived (a response cut off by a navigation never
  // finishes, and its body would never resolve); each read is still bounded.
  context.on("requestfinished", (request) => {
    // /pkg/ holds the build's static JS, WASM and CSS, written before any user existed (auth.spec.ts
    // still scans the main files): reading every chunk of every page back would only cost time.
    if (new URL(request.url()).pathname.startsWith("/pkg/")) return;
    const read = request
      .response()
      .then((response) => response?.body())
      .then((body) => {
        if (!body) return;
        seen += 1;
        const text = body.toString("latin1");
        for (const secret of secrets) if (text.includes(secret)) leaks.push(request.url());
      })
      .catch(() => undefined);
    pending.push(Promise.race([read, new Promise<void>((resolve) => setTimeout(resolve, 5_000))]));
  });
  return {
    async check() {
      await Promise.all(pending);
      expect(leaks, "a secret access key appeared in a response").toEqual([]);
      return seen;
    },
  };
}

/** Collects uncaught page errors (a hydration panic is one) of every page of `context`. */
export function watchForPageErrors(context: BrowserContext) {
  const errors: string[] = [];
  context.on("page", (page) => page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`)));
  return {
    check() {
      expect(errors, "uncaught errors in the page (e.g. a hydration panic)").toEqual([]);
    },
  };
}

/** Every test's own context is scanned for secrets in responses (bodies of HTML, JS, WASM, server
 * functions) and for uncaught page errors. */
export const test = base.extend<{ secretScan: void; pageErrors: void }>({
  pageErrors: [
    async ({ context }, use) => {
      const watch = watchForPageErrors(context);
      await use();
      watch.check();
    },
    { auto: true },
  ],
  secretScan: [
    async ({ context }, use) => {
      const scan = watchForSecrets(context);
      await use();
      await scan.check();
    },
    { auto: true },
  ],
});
export { expect };

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, user: User, next = "/instances?region=us-east-1") {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Access key ID").fill(user.access_key_id);
  await page.getByLabel("Secret access key").fill(user.secret_access_key);
  await page.getByLabel("Default region").fill("us-east-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("identity")).toContainText(user.arn);
}

/** A sign-in with `user`'s access key and a wrong secret, from a browser of its own: it fails,
 * and the audit log records it under the key's account. */
export async function failSignIn(browser: Browser, user: User, wrongSecret: string) {
  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto("/sign-in");
  await stranger.getByLabel("Access key ID").fill(user.access_key_id);
  await stranger.getByLabel("Secret access key").fill(wrongSecret);
  await stranger.getByLabel("Default region").fill("us-east-1");
  await stranger.getByRole("button", { name: "Sign in" }).click();
  await expect(stranger.getByRole("alert")).toBeVisible();
  await other.close();
}

/** Resolves once the WASM has hydrated the page (frontend/src/lib.rs sets the marker). */
export async function waitForHydration(page: Page) {
  await page.locator("html[data-hydrated=true]").waitFor({ state: "attached" });
}

/** Every page of the console, signed in. */
export const PAGES = [
  "/",
  "/instances?region=us-east-1",
  "/launch?region=us-east-1",
  "/images?region=us-east-1",
  "/key-pairs?region=us-east-1",
  "/security-groups?region=us-east-1",
  "/volumes?region=us-east-1",
  "/addresses?region=us-east-1",
  "/network?region=us-east-1",
  "/audit",
  "/instances?region=all",
];
