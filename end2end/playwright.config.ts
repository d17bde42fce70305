import { defineConfig } from "@playwright/test";

// The console and a seeded moto are started by scripts/e2e.sh, which passes the URL in BASE_URL.
const baseURL = process.env.BASE_URL ?? "http://127.0.0.1:3000";

// Files that change what other files read run alone, after the rest (scripts/e2e.sh runs the two
// projects one after the other): regions steers the fault proxy, whose faults every session sees;
// audit reads the newest records; keyboard launches into the region launch.spec.ts launches into
// (both would pick the same launch-wizard group name); volumes attaches to a playground instance
// another file may terminate; views sets a default view on a page other files open.
const ALONE = /\/(regions|audit|keyboard|volumes|views)\.spec\.ts$/;

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Each file's tests run in order in one worker; the "shared" project's files run in two workers.
  fullyParallel: false,
  workers: 2,
  projects: [
    { name: "shared", testIgnore: ALONE },
    { name: "alone", testMatch: ALONE },
  ],
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "off",
    // Times show in the browser's zone: the same one on every machine (time.spec.ts sets its own).
    timezoneId: "UTC",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
