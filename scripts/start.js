#!/usr/bin/env node
/**
 * `npm start`: serves the panes (webpack dev server on port 3000). Where Office is installed
 * (Windows or Mac), it also sideloads the add-in with Microsoft's office-addin-debugging (fetched by
 * npx on that machine; needs HTTPS: DEV_HTTPS=1 with a trusted localhost certificate). Elsewhere it
 * prints the address of the browser preview on the bundled sample.
 */
"use strict";
const { spawn } = require("node:child_process");
const { join } = require("node:path");

const root = join(__dirname, "..");
const server = spawn(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "serve", "--mode", "development"], { cwd: root, stdio: "inherit" });
const officePlatform = process.platform === "win32" || process.platform === "darwin";
if (officePlatform && process.env.NO_SIDELOAD !== "1") {
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
