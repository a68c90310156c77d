// What the browser tests stand on: the tiny fixture index imported by the
// real beladdr-import, a real beladdr-server on loopback, and Debian's
// chromium driven by playwright-core. Every path is a fresh temporary
// directory; nothing here touches the network beyond 127.0.0.1.

import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// playwright-core comes from npm (tests/browser/package-lock.json); the
// browser itself from apt, never from a download.
let chromium;
try {
  ({ chromium } = await import("playwright-core"));
} catch (e) {
  throw new Error("playwright-core is not installed in tests/browser; run scripts/deps.sh (" +
                  e.message + ")");
}

// Set by CMake (tests/CMakeLists.txt); the defaults suit a run by hand
// from the repository root after `make build`.
export const BIN = process.env.BELADDR_BIN || "build/bin";
export const SOURCE = process.env.BELADDR_SOURCE || ".";
export const CHROMIUM = process.env.BELADDR_CHROMIUM || "/usr/bin/chromium";

// How long a server gets to print its address, and a page to answer.
const kServerStartMs = 15000;
export const kUiWaitMs = 5000;

export function tempDir() {
  return mkdtempSync(join(tmpdir(), "beladdr-browser-"));
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

// Imports tests/testdata/tiny (866 streets, 0.1 s) into dir/index.
export function importTinyIndex(dir) {
  const tiny = join(SOURCE, "tests/testdata/tiny");
  const out = join(dir, "index");
  execFileSync(join(BIN, "beladdr-import"), [
    "--data", tiny, "--out", out, "--quiet",
    "--dictionaries", join(SOURCE, "data/dictionaries"),
    "--streets", join(tiny, "streets.csv"),
    "--house-numbers", join(tiny, "addresses_wallonia.csv"), join(tiny, "addresses_flanders.csv"),
    "--vintage", "test fixture",
  ], { stdio: ["ignore", "ignore", "pipe"] });
  return out;
}

// Starts beladdr-server on a free loopback port. Resolves to
// { url, stop() } once the server prints where it listens; rejects with
// the server's stderr when it exits or stays silent.
export function startServer(index) {
  const child = spawn(join(BIN, "beladdr-server"),
                      ["--index", index, "--host", "127.0.0.1", "--port", "0"],
                      { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("beladdr-server printed no address in time:\n" + stderr));
    }, kServerStartMs);
    const early = code => {
      clearTimeout(timer);
      reject(new Error("beladdr-server exited (" + code + "):\n" + stderr));
    };
    child.on("exit", early);
    child.stderr.on("data", chunk => {
      stderr += chunk;
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (!m) return;
      clearTimeout(timer);
      child.off("exit", early);
      resolve({ url: m[1], stop: () => stopChild(child) });
    });
  });
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise(resolve => {
    child.on("exit", resolve);
    child.kill("SIGTERM");
  });
}

// Headless chromium from apt. As root it needs --no-sandbox; the other
// flags keep it from reaching for Google's hosts on a closed network.
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--disable-dev-shm-usage"],
  });
}
