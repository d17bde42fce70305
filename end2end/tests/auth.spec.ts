import { test, expect, signIn, users, watchForPageErrors, watchForSecrets, waitForHydration } from "./fixtures";

test("a stranger is sent to sign in and comes back to the page asked for", async ({ page }) => {
  await page.goto("/instances?region=eu-west-1");
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByLabel("Access key ID").fill(users.alice.access_key_id);
  await page.getByLabel("Secret access key").fill(users.alice.secret_access_key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/instances\?region=eu-west-1$/);
  await expect(page.getByTestId("instance-count")).toHaveText("6 instances in eu-west-1");
  await expect(page.getByTestId("identity")).toContainText("arn:aws:iam::123456789012:user/alice");
});

test("a wrong secret shows AWS's error code, keeps the key ID and signs nobody in", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Access key ID").fill(users.alice.access_key_id);
  await page.getByLabel("Secret access key").fill("definitely-not-the-secret");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("AuthFailure");
  await expect(page.getByLabel("Access key ID")).toHaveValue(users.alice.access_key_id);
  await expect(page.getByLabel("Secret access key")).toHaveValue("");
  await page.goto("/instances");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the session cookie is __Host-, Secure, HttpOnly, SameSite=Strict and changes at sign-in", async ({ page, context }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Access key ID").fill(users.alice.access_key_id);
  await page.getByLabel("Secret access key").fill("wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  const before = (await context.cookies()).find((c) => c.name === "__Host-ec2c-session");
  expect(before, "a pre-sign-in session").toBeTruthy();

  await signIn(page, users.alice);
  const after = (await context.cookies()).find((c) => c.name === "__Host-ec2c-session")!;
  expect(after.value).not.toEqual(before!.value);
  expect(after.httpOnly).toBe(true);
  expect(after.secure).toBe(true);
  expect(after.sameSite).toBe("Strict");
  expect(after.path).toBe("/");
  expect(await page.evaluate(() => document.cookie)).not.toContain("ec2c-session");
});

test("two people see only their own identity, and one signing out leaves the other signed in", async ({ browser, baseURL }) => {
  const aliceContext = await browser.newContext({ baseURL });
  const bobContext = await browser.newContext({ baseURL });
  const scans = [watchForSecrets(aliceContext), watchForSecrets(bobContext)];
  const errors = [watchForPageErrors(aliceContext), watchForPageErrors(bobContext)];
  const alice = await aliceContext.newPage();
  const bob = await bobContext.newPage();
  await signIn(alice, users.alice);
  await signIn(bob, users.bob);
  await expect(alice.getByTestId("identity")).not.toContainText("user/bob");
  await expect(bob.getByTestId("identity")).not.toContainText("user/alice");

  await bob.getByRole("button", { name: "Sign out" }).click();
  await expect(bob).toHaveURL(/\/sign-in/);
  await bob.goto("/instances");
  await expect(bob).toHaveURL(/\/sign-in/);

  await alice.reload();
  await expect(alice.getByTestId("identity")).toContainText(users.alice.arn);
  await expect(alice.getByTestId("instance-count")).toHaveText("7 instances in us-east-1");
  for (const scan of scans) expect(await scan.check()).toBeGreaterThan(5);
  for (const watch of errors) watch.check();
  await aliceContext.close();
  await bobContext.close();
});

test("read-only mode can be switched on and off for this session", async ({ page }) => {
  await signIn(page, users.alice);
  await waitForHydration(page);
  await page.getByTestId("read-only").click();
  await expect(page.getByTestId("read-only")).toHaveText("Read-only: on");
  await expect(page.getByTestId("read-only")).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("read-only").click();
  await expect(page.getByTestId("read-only")).toHaveText("Read-only: off");
});

test("the served JS and WASM hold no secret and the page's CSP carries a nonce", async ({ page, request }) => {
  await signIn(page, users.alice);
  for (const asset of ["/pkg/ec2-console.js", "/pkg/ec2-console.wasm"]) {
    const body = (await (await request.get(asset)).body()).toString("latin1");
    expect(body.length).toBeGreaterThan(1000);
    for (const u of Object.values(users)) expect(body).not.toContain(u.secret_access_key);
  }
  const response = await page.goto("/instances");
  const csp = response!.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'wasm-unsafe-eval'/);
  await waitForHydration(page);
});
