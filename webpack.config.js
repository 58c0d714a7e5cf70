/**
 * Builds the task panes into dist/: one page per host (excel.html, word.html), the ribbon's function
 * file (commands.html), a help page, the icons, the manifest and the bundled sample.
 *
 *   npm run build                      production build for https://localhost:3000/
 *   ADDIN_BASE_URL=https://apps.trust.example/attendance/ ADDIN_PROVIDER_NAME="Ashford Vale Academy Trust" npm run build
 *                                      production build for a trust's host: every manifest URL rewritten,
 *                                      the trust named as the provider
 *   npm start                          dev server on http://localhost:3000 (DEV_HTTPS=1 for HTTPS,
 *                                      with certificates in ~/.office-addin-dev-certs/localhost.{key,crt})
 */
const path = require("node:path");
const fs = require("node:fs");
const os = require("node:os");
const { createHash } = require("node:crypto");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const { rewriteManifest } = require("./scripts/manifest-url");

function devServerHttps() {
  if (process.env.DEV_HTTPS !== "1") return undefined;
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const key = path.join(dir, "localhost.key");
  const cert = path.join(dir, "localhost.crt");
  if (!fs.existsSync(key) || !fs.existsSync(cert)) {
    throw new Error(`DEV_HTTPS=1 needs ${key} and ${cert} (for example from "npx office-addin-dev-certs install").`);
  }
  return { type: "https", options: { key: fs.readFileSync(key), cert: fs.readFileSync(cert) } };
}

/**
 * The syntax the bundles are built to: ES2021 (class fields and Fluent's class static blocks are
 * lowered). Every browser Office uses for a supported Office parses it: WebView2 (Chromium Edge) in
 * Microsoft 365 on Windows, WKWebView (Safari) on the macOS versions Microsoft 365 for Mac supports,
 * and current Edge, Chrome, Safari and Firefox for Office on the web. Older ones (Internet Explorer 11
 * and EdgeHTML in Office 2016/2019) get the start-up script's sentence instead. test/build-target.test.ts
 * parses the shipped bundles at this level.
 */
const TARGET = "es2021";

/**
 * The start-up script (src/taskpane/startup.js, ES5): copied as it is (never through a loader or
 * webpack's runtime, which would not be ES5), under a content-hashed name, and put first on each page.
 */
const STARTUP_SOURCE = path.join(__dirname, "src/taskpane/startup.js");
const STARTUP_FILE = `startup.${createHash("sha256").update(fs.readFileSync(STARTUP_SOURCE)).digest("hex").slice(0, 8)}.js`;

module.exports = (env, argv) => {
  const production = argv.mode === "production";
  const page = (name, chunks, title) =>
    new HtmlWebpackPlugin({
      filename: `${name}.html`,
      template: path.join(__dirname, "src/taskpane/page.html"),
      chunks,
      title,
      startup: STARTUP_FILE,
      scriptLoading: "defer",
      minify: production,
    });
  return {
    entry: {
      excel: "./src/taskpane/excel/index.tsx",
      word: "./src/taskpane/word/index.tsx",
      commands: "./src/taskpane/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, env && env.outputPath ? env.outputPath : "dist"),
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
      publicPath: "",
    },
    devtool: production ? false : "source-map",
    target: ["web", TARGET],
    resolve: { extensions: [".tsx", ".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: "ts-loader",
          // ES modules, so that import() splits heavy code (exceljs, docxtemplater) into chunks
          // loaded only when needed. Type checking is done by `npm run typecheck`.
          options: { transpileOnly: true, configFile: "tsconfig.json", compilerOptions: { module: "es2020", target: TARGET, sourceMap: !production } },
        },
        {
          // Packages ship modern syntax (Fluent UI's class static blocks, ES2022): lowered to the same
          // target. esbuild, because it does this in about a second for all of node_modules (babel
          // would add minutes and a preset per feature); it only transforms, webpack still bundles.
          test: /\.m?js$/,
          include: /node_modules/,
          loader: "esbuild-loader",
          options: { target: TARGET },
        },
      ],
    },
    performance: { hints: false },
    optimization: {
      // React and Fluent in chunks named by the panes that load them first: one pane's page never
      // carries another pane's components (fluent-excel-word is what both share). Components used
      // only by a view loaded on opening (React.lazy, src/ui/*/lazy-views.tsx) go with that view.
      // npm run build:web then checks each pane's first load (scripts/bundle-size.js).
      splitChunks: {
        chunks: "all",
        cacheGroups: {
          vendors: {
            test: /[\\/]node_modules[\\/](react|react-dom|scheduler|@fluentui|@griffel|tabster|@floating-ui|@swc)[\\/]/,
            name: (_module, chunks) => `fluent-${chunks.map((c) => c.name).sort().join("-")}`,
            chunks: "initial",
            priority: 10,
          },
        },
      },
    },
    plugins: [
      page("excel", ["excel"], "Attendance"),
      page("word", ["word"], "Letters"),
      page("commands", ["commands"], "Attendance Toolkit"),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          { from: "samples/sample-tracker.xlsx", to: "assets/sample-tracker.xlsx" },
          { from: "src/taskpane/help.html", to: "help.html" },
          { from: STARTUP_SOURCE, to: STARTUP_FILE },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => rewriteManifest(content.toString("utf8"), process.env.ADDIN_BASE_URL, process.env.ADDIN_PROVIDER_NAME) },
          { from: "policy.json", to: "policy.json", noErrorOnMissing: true },
          { from: "assets/letters", to: "assets/letters", noErrorOnMissing: true },
        ],
      }),
    ],
    devServer: {
      port: 3000,
      host: "localhost",
      server: devServerHttps() || "http",
      headers: { "Cache-Control": "no-cache" },
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: false },
      onListening(server) {
        const scheme = process.env.DEV_HTTPS === "1" ? "https" : "http";
        const root = `${scheme}://localhost:${server.options.port}`;
        console.log(
          `\nAttendance Toolkit is being served at ${root}/\n` +
            `  Excel pane: ${root}/excel.html   Word pane: ${root}/word.html   Manifest: ${root}/manifest.xml\n` +
            `  Without Office, open the browser preview on the bundled sample: ${root}/excel.html?sample=1\n` +
            `  To sideload in Office, serve over HTTPS (DEV_HTTPS=1) and upload manifest.xml (see README).\n`,
        );
      },
    },
  };
};
