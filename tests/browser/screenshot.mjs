// The README's picture of the page: a server on INDEX, a person typing
// `chaussee de wat`, the suggestions as they show. Run from the repository
// root after make build:
//
//   node tests/browser/screenshot.mjs var/index docs/page.png

import { launchBrowser, kUiWaitMs, startServer } from "./harness.mjs";

const [index = "var/index", out = "docs/page.png"] = process.argv.slice(2);
const server = await startServer(index);
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ locale: "fr-BE", viewport: { width: 760, height: 520 } });
  const page = await context.newPage();
  await page.goto(server.url + "/");
  await page.locator("input[role=combobox]").focus();
  await page.keyboard.type("chaussee de wat", { delay: 40 });
  await page.locator("#suggestions [role=option]").first().waitFor({ timeout: kUiWaitMs });
  await page.keyboard.press("ArrowDown");
  await page.screenshot({ path: out });
  console.log("wrote " + out);
} finally {
  await browser.close();
  await server.stop();
}
