// The page served at GET / in a real browser (issue 17): Debian's chromium,
// driven by playwright-core, against a real beladdr-server on loopback
// serving the tiny fixture index. Elements are found by their ARIA role
// and accessible name, as a screen reader would find them, and every step
// that a person does with the mouse elsewhere is done here with the keys.
//
// Run by ctest (tests/CMakeLists.txt) when node and chromium are present;
// by hand: node --test tests/browser/page.test.mjs (from the repository
// root, after make build).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  SOURCE, importTinyIndex, kUiWaitMs, launchBrowser, removeDir, startServer, tempDir,
} from "./harness.mjs";

let dir, index, server, browser;

before(async () => {
  dir = tempDir();
  index = importTinyIndex(dir);
  server = await startServer(index);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) removeDir(dir);
});

// A fresh page in the given browser language. It records what the
// browser reports as an error (a script error, a blocked load, a 404):
// closePage fails the test on any.
async function openPage(locale = "nl-BE", url = server.url) {
  const context = await browser.newContext({ locale, viewport: { width: 900, height: 760 } });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", e => page.errors.push(e.message));
  page.on("console", m => { if (m.type() === "error") page.errors.push(m.text()); });
  await page.goto(url + "/");
  return page;
}

async function closePage(page, expected = []) {
  await page.context().close();
  assert.deepEqual(page.errors.filter(e => !expected.some(re => re.test(e))), []);
}

// The search box (the language switch, a <select>, is a combobox too).
const combobox = page => page.locator("input[role=combobox]");
const listbox = page => page.locator("#suggestions");
const options = page => listbox(page).getByRole("option");

// Waits until the list answers the whole of what is in the box (a slow
// machine may show the answer to a shorter prefix first).
async function waitForList(page) {
  const q = await combobox(page).inputValue();
  await page.waitForFunction(q => document.getElementById("suggestions").dataset.query === q, q,
                             { timeout: kUiWaitMs });
}

// Types like a person (one key at a time) and waits for the list of the
// whole text, with an option that contains `expected`.
async function typeAndWaitFor(page, text, expected) {
  await combobox(page).focus();
  await page.keyboard.type(text, { delay: 40 });
  await waitForList(page);
  await options(page).filter({ hasText: expected }).first().waitFor({ timeout: kUiWaitMs });
}

async function outcome(page) {
  const box = page.locator("#outcome > .outcome");
  await box.waitFor({ timeout: kUiWaitMs });
  return box;
}

test("typing shows suggestions with StreetCode and detected language", async () => {
  const page = await openPage();
  assert.ok(await page.getByRole("combobox", { name: "Straat, nummer, gemeente" }).isVisible());
  await typeAndWaitFor(page, "chaussee de wat", "Chaussée de Waterloo");
  assert.equal(await combobox(page).getAttribute("aria-expanded"), "true");
  assert.ok(await listbox(page).isVisible());
  const first = options(page).first();
  assert.match(await first.innerText(), /Chaussée de Waterloo/);
  assert.match(await first.locator("code").innerText(), /^urbis:\d+@\d{4}$/);
  assert.match(await page.locator("#detected").innerText(), /français/);
  assert.match(await page.getByRole("status").innerText(), /\d+ suggesties/);

  mkdirSync(join(SOURCE, "var/browser"), { recursive: true });
  await page.screenshot({ path: join(SOURCE, "var/browser/suggestions.png") });
  await closePage(page);
});

test("the keyboard moves through the suggestions, Enter picks, Escape closes", async () => {
  const page = await openPage();
  await typeAndWaitFor(page, "waterloosest", "Waterloosesteenweg");
  const count = await options(page).count();
  assert.ok(count >= 1);
  await page.keyboard.press("ArrowDown");
  assert.equal(await combobox(page).getAttribute("aria-activedescendant"), "opt-0");
  assert.equal(await options(page).first().getAttribute("aria-selected"), "true");
  if (count > 1) {
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
  }
  assert.equal(await combobox(page).getAttribute("aria-activedescendant"), "opt-0");
  const code = await options(page).first().locator("code").innerText();
  await page.keyboard.press("Enter");
  assert.ok(await listbox(page).isHidden());
  assert.equal(await combobox(page).getAttribute("aria-expanded"), "false");
  assert.match(await combobox(page).inputValue(), /^Waterloosesteenweg, \d{4} /);
  assert.equal(await page.getByLabel("Straat", { exact: true }).inputValue(), "Waterloosesteenweg");
  assert.match(await page.getByLabel("Postcode").inputValue(), /^\d{4}$/);

  // The picked street is resolved by its StreetCode.
  await page.getByRole("button", { name: "Controleren" }).press("Enter");
  const box = await outcome(page);
  assert.equal(await box.getAttribute("data-status"), "unique");
  assert.match(await box.innerText(), new RegExp(code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));

  await combobox(page).fill("");
  await typeAndWaitFor(page, "kapelle", "Kapelle");
  await page.keyboard.press("Escape");
  assert.ok(await listbox(page).isHidden());
  await closePage(page);
});

// Fills the resolve form (labels as a screen reader reads them) and
// submits it with Enter.
async function resolveByKeyboard(page, fields) {
  for (const [label, value] of Object.entries(fields)) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
  await page.getByLabel("Postcode", { exact: true }).press("Enter");
  return outcome(page);
}

test("resolve shows a unique street with its warnings", async () => {
  const page = await openPage();
  const box = await resolveByKeyboard(page, {
    Straat: "Alsembergsesteenweg", Huisnummer: "999", Postcode: "1500" });
  assert.equal(await box.getAttribute("data-status"), "unique");
  const text = await box.innerText();
  assert.match(text, /Eén straat gevonden/);
  assert.match(text, /Alsembergsesteenweg 999, 1500 Halle/);
  assert.match(text, /crab:26009@1500/);
  assert.match(text, /huisnummer niet gekend/);
  await closePage(page);
});

test("resolve shows an ambiguous list; picking one sends its StreetCode", async () => {
  const page = await openPage();
  const box = await resolveByKeyboard(page, { Straat: "Hoogstraat", Postcode: "1000" });
  assert.equal(await box.getAttribute("data-status"), "ambiguous");
  const candidates = box.getByRole("button");
  assert.ok(await candidates.count() >= 2);
  const second = await candidates.nth(1).locator("code").innerText();

  // Tab from the submit button reaches the candidates; Enter picks one.
  await page.getByRole("button", { name: "Controleren" }).focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.querySelector("code")?.textContent),
               second);
  const request = page.waitForRequest(r => r.url().includes("/ResolveAddress"));
  await page.keyboard.press("Enter");
  const body = JSON.parse((await request).postData());
  assert.equal(body.streetCode, second);
  assert.equal(body.street, undefined);

  const picked = page.locator("#outcome > .outcome[data-status=unique]");
  await picked.waitFor({ timeout: kUiWaitMs });
  assert.match(await picked.innerText(), new RegExp(second.replace(/[.@]/g, "\\$&")));
  // The keyboard lands on the answer, not on a button that went away.
  assert.equal(await page.evaluate(() => document.activeElement.dataset.status), "unique");
  await closePage(page);
});

test("resolve says when no street is found", async () => {
  const page = await openPage();
  const box = await resolveByKeyboard(page, { Straat: "Nergenshuizenstraat", Postcode: "1000" });
  assert.equal(await box.getAttribute("data-status"), "notFound");
  assert.match(await box.innerText(), /Geen straat gevonden/);
  await closePage(page);
});

test("a server error is shown in words, never as JSON", async () => {
  const page = await openPage();
  const box = await resolveByKeyboard(page, { Straat: "Kapellestraat", Postcode: "abc" });
  assert.equal(await box.getAttribute("role"), "alert");
  const text = await box.innerText();
  assert.match(text, /De aanvraag is niet geldig: postCode must be 4 digits, got 'abc'/);
  assert.doesNotMatch(text, /[{}]|urn:|"status"/);

  // A server that went away: the same page says it cannot reach it.
  const gone = await startServer(index);
  const page2 = await openPage("nl-BE", gone.url);
  await gone.stop();
  const box2 = await resolveByKeyboard(page2, { Straat: "Kapellestraat", Postcode: "1000" });
  assert.match(await box2.innerText(), /De server is niet bereikbaar/);
  await closePage(page, [/status of 400/]);
  await closePage(page2, [/ERR_CONNECTION_REFUSED/]);
});

test("the interface follows the browser's language and can be switched", async () => {
  const page = await openPage("fr-BE");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "fr");
  assert.ok(await page.getByRole("combobox", { name: "Rue, numéro, commune" }).isVisible());
  assert.ok(await page.getByRole("button", { name: "Vérifier" }).isVisible());

  await page.getByRole("combobox", { name: "Langue" }).selectOption("de");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "de");
  assert.ok(await page.getByLabel("Postleitzahl").isVisible());
  assert.ok(await page.getByRole("combobox", { name: "Sprache" }).isVisible());
  // The labels are German; the names stay in the language typed.
  await typeAndWaitFor(page, "hoogstr", "Hoogstraat");
  assert.match(await page.locator("#detected").innerText(), /^Sprache der Eingabe: Nederlands$/);
  await combobox(page).fill("");
  await typeAndWaitFor(page, "rue haute", "Rue Haute");
  assert.match(await page.getByRole("status").innerText(), /Vorschläge/);
  await closePage(page);
});

test("the whole page works by keyboard alone", async () => {
  const page = await openPage();
  // From the top: Tab reaches the language switch, then the search box.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "ui-lang");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "q");
  await page.keyboard.type("kapellestr", { delay: 40 });
  await waitForList(page);
  await options(page).first().waitFor({ timeout: kUiWaitMs });
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  // Tab through the filled form to the button; Enter resolves.
  for (const id of ["f-street", "f-number", "f-box", "f-postcode", "f-municipality", "resolve-button"]) {
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), id);
  }
  await page.keyboard.press("Enter");
  const box = await outcome(page);
  assert.equal(await box.getAttribute("data-status"), "unique");
  await page.screenshot({ path: join(SOURCE, "var/browser/resolved.png") });
  await closePage(page);
});
