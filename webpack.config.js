/**
 * Builds the task pane, the ribbon functions (one page: shared runtime) and the plain web page,
 * as Microsoft's Office-Addin-TaskPane-React template does.
 *
 *   npm run build        production build into dist/, manifest URLs rewritten to ADDIN_PUBLIC_URL
 *   npm run dev-server   https://localhost:3000 with the Office dev certificates (first run installs them)
 *
 * dist/taskpane.html   the add-in page (pane + ribbon functions); in a browser it falls back to browser mode
 * dist/index.html      the same pane as a plain web page: no office.js, browser mode, no network
 * dist/manifest.xml    the manifest, pointing at ADDIN_PUBLIC_URL
 * dist/assets/         icons drawn by scripts/make-icons.ts
 *
 * ExcelJS is loaded only in browser mode, as the async chunk `exceljs`.
 */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const fs = require("fs");

const DEV_URL = "https://localhost:3000/";

/** The production URL the manifest points at (env ADDIN_PUBLIC_URL), with a trailing slash. */
function publicUrl(env = process.env) {
  const url = (env.ADDIN_PUBLIC_URL || "").trim();
  if (!url) return null;
  if (!/^https:\/\//i.test(url)) throw new Error(`ADDIN_PUBLIC_URL must be an https:// URL (got ${url})`);
  return url.endsWith("/") ? url : `${url}/`;
}

/** The manifest with every development URL replaced by the production one. */
function rewriteManifest(xml, url) {
  return url ? xml.split(DEV_URL).join(url) : xml;
}

/** The pages the build writes; the manifest test checks the manifest's URLs against them. */
const PAGES = [
  { filename: "taskpane.html", officeJs: true, chunks: ["taskpane", "commands"] },
  { filename: "index.html", officeJs: false, chunks: ["taskpane"] },
];

/**
 * Emits manifest*.xml with the production URL. (The template uses copy-webpack-plugin for this; a
 * few lines here avoid its schema-utils/ajv dependency chain, which does not load in this tree.)
 */
class ManifestPlugin {
  constructor(url) {
    this.url = url;
  }
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap("ManifestPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "ManifestPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const name of fs.readdirSync(__dirname).filter((f) => /^manifest.*\.xml$/.test(f))) {
            const file = path.join(__dirname, name);
            compilation.fileDependencies.add(file);
            compilation.emitAsset(name, new RawSource(rewriteManifest(fs.readFileSync(file, "utf8"), this.url)));
          }
        },
      );
    });
  }
}

/** Emits the icons (drawn by scripts/make-icons.ts, compiled to out/ by `npm run build:cli`). */
class IconsPlugin {
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap("IconsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "IconsPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const [name, png] of loadIcons().iconFiles())
            compilation.emitAsset(`assets/${name}`, new RawSource(png));
        },
      );
    });
  }
}

function loadIcons() {
  const file = path.join(__dirname, "out", "scripts", "make-icons.js");
  try {
    return require(file);
  } catch (e) {
    throw new Error(`${file} is missing: run \`npm run build:cli\` first (${e.message})`);
  }
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const url = dev ? null : publicUrl();
  if (!dev && !url)
    console.warn(
      "[webpack] ADDIN_PUBLIC_URL is not set: dist/manifest.xml still points at https://localhost:3000/ " +
        "(set it to the https:// address that will serve dist/, e.g. ADDIN_PUBLIC_URL=https://intranet.example/ptsheet/)",
    );
  const config = {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/taskpane/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      chunkFilename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
      publicPath: "auto",
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.resolve(__dirname, "tsconfig.json"),
              onlyCompileBundledFiles: true,
              // ES modules for tree shaking and for `import()` chunks; type checking is `npm run typecheck`.
              transpileOnly: true,
              compilerOptions: { module: "esnext", moduleResolution: "bundler", sourceMap: dev, noEmit: false },
            },
          },
        },
      ],
    },
    // One runtime for both entries on taskpane.html: modules (the pane's state) exist once. Only the
    // initial chunks are split; the browser-mode `exceljs` chunk (ExcelJS, its adapter) stays whole.
    optimization: {
      runtimeChunk: "single",
      splitChunks: { chunks: "initial" },
    },
    performance: { hints: false },
    plugins: [
      ...PAGES.map(
        (p) =>
          new HtmlWebpackPlugin({
            filename: p.filename,
            template: "./src/taskpane/taskpane.html",
            chunks: p.chunks,
            officeJs: p.officeJs,
            scriptLoading: "defer",
            inject: "head",
          }),
      ),
      new ManifestPlugin(url),
      new IconsPlugin(),
    ],
    devServer: {
      hot: true,
      headers: { "Access-Control-Allow-Origin": "*" },
      // Office needs https with a trusted certificate; PTSHEET_DEV_HTTP=1 serves plain http for work
      // on the web page alone (no certificate installed).
      server:
        process.env.PTSHEET_DEV_HTTP === "1"
          ? { type: "http" }
          : { type: "https", options: env.WEBPACK_SERVE ? await httpsOptions() : undefined },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      static: false,
    },
  };
  return config;
};

async function httpsOptions() {
  // office-addin-dev-certs installs a localhost certificate the Office hosts trust (first run asks).
  const devCerts = require("office-addin-dev-certs");
  const o = await devCerts.getHttpsServerOptions();
  return { ca: o.ca, key: o.key, cert: o.cert };
}

module.exports.DEV_URL = DEV_URL;
module.exports.PAGES = PAGES;
module.exports.publicUrl = publicUrl;
module.exports.rewriteManifest = rewriteManifest;
module.exports.loadIcons = loadIcons;
