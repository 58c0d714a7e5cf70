/**
 * Issue 22: `npm start -- --port N` serves the panes on another port (scripts/start.js passes it to
 * the webpack dev server); anything else is a plain sentence, never a silent default.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startOptions } = require("../scripts/start");

test("--port N and --port=N choose the port; no option is 3000", () => {
  expect(startOptions([])).toEqual({ port: 3000 });
  expect(startOptions(["--port", "3100"])).toEqual({ port: 3100 });
  expect(startOptions(["--port=8081"])).toEqual({ port: 8081 });
});

test.each([[["--port"]], [["--port", "abc"]], [["--port", "70000"]], [["--port", "0"]], [["--host", "x"]]])("%j is refused with a sentence saying what to give", (argv) => {
  expect(startOptions(argv).error).toMatch(/npm start -- --port 3100/);
});
