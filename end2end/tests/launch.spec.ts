import { Page } from "@playwright/test";
import { readFileSync } from "fs";
import { test, expect, signIn, users, waitForHydration } from "./fixtures";

// Launches go to eu-west-2, a region only these tests use (moto gives it a default VPC).
const REGION = "eu-west-2";
const UBUNTU = "ami-0a1e2d3c4b5a60003";
const ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g e2e@test";

async function openLaunch(page: Page) {
  await page.goto(`/launch?region=${REGION}`);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: "Launch an instance" })).toBeVisible();
}

async function chooseUbuntu(page: Page) {
  await page.getByLabel(/^Ubuntu 24\.04 LTS · x86_64/).check();
  await expect(page.getByTestId("summary-ami")).toContainText(UBUNTU);
  // The region's instance types have loaded and the default is chosen.
  await expect(page.getByTestId("summary-type")).not.toHaveText("none chosen");
}

async function instanceNames(page: Page, filter: string): Promise<string[]> {
  await page.goto(`/instances?region=${REGION}&q=${encodeURIComponent(filter)}`);
  await waitForHydration(page);
  await expect(page.getByTestId("instance-count")).toBeVisible();
  return page.locator("table.data-table tbody tr td[data-column=name]").allTextContents();
}

test("the whole flow, by keyboard and mouse, from the dashboard to the running instance", async ({ page }) => {
  await signIn(page, users.alice, `/?region=${REGION}`);
  await waitForHydration(page);
  await page.locator("a.button.primary", { hasText: "Launch instance" }).click();
  await expect(page).toHaveURL(/\/launch\?region=eu-west-2/);
  await waitForHydration(page);

  // Name and tags, typed from the keyboard.
  await page.locator("#launch-name").focus();
  await page.keyboard.type("e2e-launched");
  await page.getByRole("button", { name: "Add tag" }).click();
  await page.locator("#tag-key-0").fill("Team");
  await page.locator("#tag-value-0").fill("qa");
  await page.locator("#tag-vol-0").check();

  // AMI: the quick-start row, chosen with the keyboard.
  await page.getByLabel(/^Ubuntu 24\.04 LTS · x86_64/).focus();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("summary-ami")).toContainText(UBUNTU);
  await expect(page.getByTestId("chosen-image")).toContainText("hvm");

  // Instance type: search, then choose t3.small; arm-only types are not choosable for this AMI.
  await page.getByLabel("Find an instance type").fill("t4g.micro");
  await expect(page.getByLabel("Choose t4g.micro")).toBeDisabled();
  await page.getByLabel("Find an instance type").fill("t3.small");
  await page.getByLabel("Choose t3.small").check();
  await expect(page.getByTestId("summary-type")).toHaveText("t3.small");

  // Key pair: created inline; the private key is offered exactly once.
  await page.getByText("Create new key pair").click();
  await page.locator("#new-key-name").fill("e2e-key");
  await page.getByRole("button", { name: "Create key pair" }).click();
  await expect(page.getByTestId("new-key")).toContainText("Key pair e2e-key created");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download e2e-key.pem" }).click()]);
  expect(download.suggestedFilename()).toBe("e2e-key.pem");
  const pem = readFileSync(await download.path(), "utf8");
  expect(pem).toContain("PRIVATE KEY");
  await expect(page.getByRole("button", { name: "Download e2e-key.pem" })).toHaveCount(0);
  await expect(page.getByTestId("summary-key")).toHaveText("e2e-key");

  // Network: a new group with HTTP added to the SSH default; the 0.0.0.0/0 warning shows.
  await page.getByLabel("Allow HTTP from the internet").check();
  await expect(page.getByText("Rules with source 0.0.0.0/0 allow every IP address")).toBeVisible();

  // Storage and advanced.
  await page.locator("#root-size").fill("20");
  await page.getByLabel("User data (runs at first boot)").fill("#!/bin/sh\necho hello\n");
  await page.getByLabel("Termination protection").check();

  // The CLI command matches the choices.
  const cli = page.getByTestId("cli-command");
  for (const part of [
    "aws ec2 create-security-group",
    "--region eu-west-2",
    `--image-id ${UBUNTU}`,
    "--instance-type t3.small",
    "--key-name e2e-key",
    "--count 1",
    '"VolumeSize":20',
    '"Key":"Name","Value":"e2e-launched"',
    '{"ResourceType":"volume","Tags":[{"Key":"Team","Value":"qa"}]}',
    '"FromPort":80',
    "--user-data file://user-data.txt",
    "HttpTokens=required",
    "--disable-api-termination",
    "--client-token ec2c-",
  ]) {
    await expect(cli).toContainText(part);
  }

  await page.getByRole("button", { name: "Launch instance" }).click();
  const result = page.getByTestId("launch-result");
  await expect(result).toContainText("Launch started");
  await expect(result).toContainText("running");
  await result.locator("a code").first().click();
  await expect(page).toHaveURL(/\/instances\?region=eu-west-2&id=i-/);
  await expect(page.locator("table.data-table tbody tr", { hasText: "e2e-launched" })).toContainText("running");
});

test("a double click on Launch creates one instance", async ({ page }) => {
  await signIn(page, users.alice);
  await openLaunch(page);
  await page.locator("#launch-name").fill("e2e-double");
  await chooseUbuntu(page);
  await page.getByLabel("Key pair name").selectOption("");
  await expect(page.getByText("Without a key pair you cannot log in")).toBeVisible();
  await page.getByRole("button", { name: "Launch instance" }).dblclick();
  await expect(page.getByTestId("launch-result")).toContainText("running");
  expect(await instanceNames(page, "name = e2e-double")).toEqual(["e2e-double"]);
});

test("Launch and the key pair list stay off until the region's network and key pairs have loaded", async ({ page }) => {
  await signIn(page, users.alice);
  // Hold the two loads the page makes after hydration, then let them through.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  for (const call of ["load_launch_choices", "list_key_pairs"]) {
    await page.route(`**/api/${call}*`, async (route) => {
      await held;
      await route.continue();
    });
  }
  await openLaunch(page);
  await chooseUbuntu(page);
  const launch = page.locator("#launch");
  await expect(launch).toBeDisabled();
  await expect(page.getByTestId("launch-hint")).toHaveText("Loading VPCs, subnets and security groups…");
  await expect(page.getByLabel("Key pair name")).toBeDisabled();
  release();
  await expect(launch).toBeEnabled();
  await expect(page.getByTestId("launch-hint")).toHaveText(/^A DryRun checks permissions first/);
  await expect(page.getByLabel("Key pair name")).toBeEnabled();
  await expect(page.locator("#vpc")).not.toHaveValue("");
});

test("an invalid field blocks the launch with the message beside it", async ({ page }) => {
  await signIn(page, users.alice);
  await openLaunch(page);
  await page.locator("#launch-name").fill("e2e-invalid");
  await chooseUbuntu(page);
  await page.locator("#root-size").fill("abc");
  await expect(page.locator("#root-size-error")).toContainText("Root volume size: must be");
  await page.locator("#user-data").fill("x".repeat(16 * 1024 + 1));
  await page.getByRole("button", { name: "Launch instance" }).click();
  await expect(page.locator("#root-size")).toBeFocused();
  await expect(page.locator("#user-data-error")).toContainText("User data: is 16385 bytes");
  await expect(page.getByText("Before you launch")).toBeVisible();
  await expect(page.getByRole("link", { name: /Configure storage › Root volume size/ })).toHaveAttribute("href", "#root-size");
  await expect(page.getByTestId("launch-result")).toHaveCount(0);
  expect(await instanceNames(page, "name = e2e-invalid")).toEqual([]);
});

test("a user denied RunInstances sees Launch off with AWS's reason as soon as an AMI and a type are chosen", async ({ page }) => {
  await signIn(page, users.bob);
  await openLaunch(page);
  await page.locator("#launch-name").fill("e2e-bob");
  await chooseUbuntu(page);
  const launch = page.locator("#launch");
  await expect(launch).toBeDisabled();
  await expect(page.getByTestId("launch-hint")).toHaveText(/^Not allowed: AccessDenied — .+/);
  await expect(launch).toHaveAccessibleDescription(/Not allowed: AccessDenied/);
  await expect(page.getByTestId("launch-result")).toHaveCount(0);
  expect(await instanceNames(page, "name = e2e-bob")).toEqual([]);
});

test("an imported public key is chosen for the launch; a malformed one is refused by name", async ({ page }) => {
  await signIn(page, users.alice);
  await openLaunch(page);
  await page.getByText("Import a public key").click();
  await page.locator("#import-key-name").fill("e2e-imported");
  await page.locator("#import-key-material").fill("ssh-ed25519 AAAAnot-a-key");
  await page.getByRole("button", { name: "Import key pair" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "public key" })).toContainText("not valid base64");
  await page.locator("#import-key-material").fill(ED25519);
  await page.getByRole("button", { name: "Import key pair" }).click();
  await expect(page.getByTestId("summary-key")).toHaveText("e2e-imported");
  await expect(page.getByLabel("Key pair name")).toHaveValue("e2e-imported");
});
