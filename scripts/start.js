#!/usr/bin/env node
/**
 * `npm start`: serves the panes (webpack dev server on port 3000). Where Office is installed
 * (Windows or Mac), it also sideloads the add-in with Microsoft's office-addin-debugging (fetched by
 * npx on that machine; needs HTTPS: DEV_HTTPS=1 with a trusted localhost certificate). Elsewhere it
 * prints the address of the browser preview on the bundled sample.
 *
 *   npm start -- --port 3100     another port (the browser preview works on any; the manifest, and so
 *                                sideloading into Office, expects 3000)
 */
"use strict";
const { spawn } = require("node:child_process");
const { join } = require("node:path");

const DEFAULT_PORT = 3000;

/** The port from `--port N` or `--port=N` (default 3000); a sentence for anything else. */
function startOptions(argv) {
  let port = DEFAULT_PORT;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let value;
    if (a === "--port") value = argv[++i];
    else if (a.startsWith("--port=")) value = a.slice("--port=".length);
    else return { error: `Unknown option ${a}: npm start takes only --port N, for example npm start -- --port 3100.` };
    if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
      return { error: `--port needs a port number from 1 to 65535, for example npm start -- --port 3100 (got ${value === undefined ? "nothing" : `"${value}"`}).` };
    }
    port = Number(value);
  }
  return { port };
}

module.exports = { startOptions, DEFAULT_PORT };
if (require.main !== module) return;

const root = join(__dirname, "..");
const options = startOptions(process.argv.slice(2));
if (options.error) {
  console.error(options.error);
  process.exit(2);
}
const port = options.port;
if (port !== DEFAULT_PORT) console.log(`Serving on port ${port}: the browser preview works here; sideloading into Office needs port ${DEFAULT_PORT} (the manifest's address).`);
const server = spawn(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "serve", "--mode", "development", "--port", String(port)], { cwd: root, stdio: "inherit" });
const officePlatform = process.platform === "win32" || process.platform === "darwin";
if (officePlatform && process.env.NO_SIDELOAD !== "1" && port === DEFAULT_PORT) {
  if (process.env.DEV_HTTPS !== "1") {
    console.log("To sideload into Office, start with DEV_HTTPS=1 (Office loads add-ins over HTTPS only); see the README.");
  } else {
    const npx = process.platform === "win32" ? "npx.cmd" : "npx";
    const sideload = spawn(npx, ["--yes", "office-addin-debugging", "start", "manifest.xml", "desktop", "--no-debug", "--dev-server-port", "3000"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
    sideload.on("exit", (code) => code && console.log("Sideloading did not complete: upload manifest.xml by hand (see the README)."));
  }
}
const stop = () => server.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", (code) => process.exit(code ?? 0));
