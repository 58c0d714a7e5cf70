/**
 * Issue 22: the nginx settings given to a trust's IT admin (deploy/nginx-attendance.conf, shown word
 * for word in docs/deployment.md) pass `nginx -t`, and served by nginx they send the security headers
 * on every file: the pages, the hashed bundles (where nginx would drop inherited add_header lines) and
 * anything else, with the caching each needs and never X-Frame-Options.
 */
import { spawnSync, spawn, ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const SNIPPET = readFileSync(join(ROOT, "deploy/nginx-attendance.conf"), "utf8");
const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find(existsSync);

function nginxAvailable(): boolean {
  if (NGINX) return true;
  if (process.env.CI) throw new Error("nginx is missing: .ci/run installs nginx-light.");
  console.warn("Skipping the nginx tests: nginx is not installed (apt-get install nginx-light).");
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A whole nginx.conf around the snippet, runnable by an ordinary user in `dir`. */
function config(dir: string, port: number, snippet = SNIPPET): string {
  return `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  types { text/html html; text/javascript js; application/json json; image/png png; }
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
${snippet}
  }
}
`;
}

const run = nginxAvailable() ? describe : describe.skip;

run("deploy/nginx-attendance.conf", () => {
  let dir = "";
  let port = 0;
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nginx-"));
    chmodSync(dir, 0o755); // nginx started by root serves as an unprivileged user
    mkdirSync(join(dir, "tmp"));
    mkdirSync(join(dir, "www/attendance/assets"), { recursive: true });
    writeFileSync(join(dir, "www/attendance/excel.html"), "<!doctype html><title>Attendance</title>");
    writeFileSync(join(dir, "www/attendance/excel.0123abcd.js"), "void 0;");
    writeFileSync(join(dir, "www/attendance/policy.json"), "{}");
    writeFileSync(join(dir, "www/attendance/assets/icon-32.png"), "png");
    port = await freePort();
    writeFileSync(join(dir, "nginx.conf"), config(dir, port));
    server = spawn(NGINX!, ["-p", dir, "-c", join(dir, "nginx.conf")], { stdio: "ignore" });
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`http://127.0.0.1:${port}/attendance/policy.json`);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`nginx did not start: ${existsSync(join(dir, "error.log")) ? readFileSync(join(dir, "error.log"), "utf8") : ""}`);
  }, 30_000);

  afterAll(() => {
    server?.kill("SIGTERM");
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("passes nginx -t", () => {
    const r = spawnSync(NGINX!, ["-t", "-p", dir, "-c", join(dir, "nginx.conf")], { encoding: "utf8" });
    expect({ status: r.status, output: r.stderr }).toEqual({ status: 0, output: expect.stringContaining("test is successful") });
  });

  test("nginx -t can fail: the README's old block (an unquoted regex with braces) is refused", () => {
    const old = "location /attendance/ {\n    location ~ \\.[0-9a-f]{8,}\\.js$ { add_header Cache-Control \"public\" always; }\n}\n";
    writeFileSync(join(dir, "old.conf"), config(dir, port, old));
    const r = spawnSync(NGINX!, ["-t", "-p", dir, "-c", join(dir, "old.conf")], { encoding: "utf8" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unknown directive|unexpected/);
  });

  test("docs/deployment.md shows exactly this file", () => {
    expect(readFileSync(join(ROOT, "docs/deployment.md"), "utf8")).toContain(SNIPPET);
  });

  test.each([
    ["excel.html", "no-cache"],
    ["excel.0123abcd.js", "public, max-age=31536000, immutable"],
    ["policy.json", null],
    ["assets/icon-32.png", null],
  ])("/attendance/%s is sent with the security headers (cache: %s) and no X-Frame-Options", async (file, cache) => {
    const r = await fetch(`http://127.0.0.1:${port}/attendance/${file}`);
    expect(r.status).toBe(200);
    expect({
      nosniff: r.headers.get("x-content-type-options"),
      referrer: r.headers.get("referrer-policy"),
      hsts: r.headers.get("strict-transport-security"),
      frame: r.headers.get("x-frame-options"),
      cache: r.headers.get("cache-control"),
    }).toEqual({ nosniff: "nosniff", referrer: "no-referrer", hsts: "max-age=31536000", frame: null, cache });
  });
});
