/**
 * manifest.xml, checked offline (Microsoft's validator is an online service): well-formed, the
 * schema's element order, ids and string lengths within Office's limits, every resid defined, every
 * ribbon function registered in the code, every URL served by the build.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { iconFiles } from "../../scripts/make-icons";
import { MIN_EXCEL_API } from "../../src/office/host";

const ROOT = path.join(__dirname, "..", "..");
const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};

interface WebpackConfigModule {
  DEV_URL: string;
  PAGES: { filename: string; officeJs: boolean; chunks: string[] }[];
  rewriteManifest(xml: string, url: string | null): string;
  publicUrl(env: Record<string, string | undefined>): string | null;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require("../../webpack.config.js") as WebpackConfigModule;

function parse(xml: string): { doc: ReturnType<DOMParser["parseFromString"]>; errors: string[] } {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, msg) => {
      errors.push(`${level}: ${msg}`);
    },
  }).parseFromString(xml, "text/xml");
  return { doc, errors };
}

function children(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

function all(root: Element, ns: string, name: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, name));
}

function xsiType(el: Element): string | null {
  return el.getAttributeNS(NS.xsi, "type");
}

let xml: string;
let root: Element;

beforeAll(async () => {
  xml = await fs.readFile(path.join(ROOT, "manifest.xml"), "utf8");
  const { doc, errors } = parse(xml);
  expect(errors).toEqual([]);
  root = doc.documentElement!;
});

describe("manifest.xml", () => {
  test("is a task pane add-in in the 1.1 schema, for Excel workbooks", () => {
    expect(root.localName).toBe("OfficeApp");
    expect(root.namespaceURI).toBe(NS.app);
    expect(xsiType(root)).toBe("TaskPaneApp");
    const hosts = all(root, NS.app, "Host").filter((h) => h.getAttribute("Name"));
    expect(hosts.map((h) => h.getAttribute("Name"))).toEqual(["Workbook"]);
    expect(children(root).find((e) => e.localName === "Permissions")?.textContent).toBe("ReadWriteDocument");
  });

  test("top-level elements appear in the schema's order, VersionOverrides last", () => {
    const order = [
      "Id",
      "AlternateId",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "AllowSnapshot",
      "VersionOverrides",
    ];
    const required = [
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "VersionOverrides",
    ];
    const names = children(root).map((e) => e.localName);
    for (const n of names) expect(order).toContain(n);
    const positions = names.map((n) => order.indexOf(n!));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(names).size).toBe(names.length);
    for (const r of required) expect(names).toContain(r);
    expect(names[names.length - 1]).toBe("VersionOverrides");
  });

  test("id is a GUID; version has the x.y.z.w form and follows package.json", async () => {
    const id = children(root).find((e) => e.localName === "Id")!.textContent!;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    const version = children(root).find((e) => e.localName === "Version")!.textContent!;
    expect(version).toMatch(/^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){3}$/);
    const pkg = JSON.parse(await fs.readFile(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(version).toBe(`${pkg.version}.0`);
  });

  test("Chinese by default, with an English override for every string", () => {
    expect(children(root).find((e) => e.localName === "DefaultLocale")!.textContent).toBe("zh-CN");
    for (const name of ["DisplayName", "Description"]) {
      const el = children(root).find((e) => e.localName === name)!;
      expect(el.getAttribute("DefaultValue")).toMatch(/[\u4e00-\u9fff]/);
      const overrides = children(el).filter((o) => o.localName === "Override");
      expect(overrides.map((o) => o.getAttribute("Locale"))).toEqual(["en-US"]);
    }
    for (const s of all(root, NS.bt, "String")) {
      expect(s.getAttribute("DefaultValue")).toMatch(/[\u4e00-\u9fff]/);
      const overrides = children(s).filter((o) => o.localName === "Override");
      expect(overrides.map((o) => o.getAttribute("Locale"))).toEqual(["en-US"]);
      expect(overrides[0].getAttribute("Value")).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test("strings and ids are within Office's limits", () => {
    const values = (el: Element) => [
      el.getAttribute("DefaultValue") ?? "",
      ...children(el)
        .filter((o) => o.localName === "Override")
        .map((o) => o.getAttribute("Value") ?? ""),
    ];
    const top = (name: string) => children(root).find((e) => e.localName === name)!;
    for (const v of values(top("DisplayName"))) expect(v.length).toBeLessThanOrEqual(125);
    for (const v of values(top("Description"))) expect(v.length).toBeLessThanOrEqual(250);
    expect(top("ProviderName").textContent!.length).toBeLessThanOrEqual(250);
    const short = all(root, NS.bt, "ShortStrings")[0];
    const long = all(root, NS.bt, "LongStrings")[0];
    for (const s of all(short, NS.bt, "String")) for (const v of values(s)) expect(v.length).toBeLessThanOrEqual(125);
    for (const s of all(long, NS.bt, "String")) for (const v of values(s)) expect(v.length).toBeLessThanOrEqual(250);
    const ids = [...all(root, NS.bt, "Image"), ...all(root, NS.bt, "Url"), ...all(root, NS.bt, "String")]
      .map((e) => e.getAttribute("id"))
      .filter((id): id is string => id !== null && id !== "");
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(32);
    expect(new Set(ids).size).toBe(ids.length);
    const controlIds = [
      ...all(root, NS.ov, "CustomTab"),
      ...all(root, NS.ov, "Group"),
      ...all(root, NS.ov, "Control"),
    ].map((e) => e.getAttribute("id")!);
    for (const id of controlIds) expect(id.length).toBeGreaterThan(0);
    for (const id of controlIds) expect(id.length).toBeLessThanOrEqual(125);
    expect(new Set(controlIds).size).toBe(controlIds.length);
  });

  test("every resid names a resource of the right kind", () => {
    const ofKind = (tag: string) =>
      new Set(
        all(root, NS.bt, tag)
          .map((e) => e.getAttribute("id"))
          .filter((id): id is string => !!id),
      );
    const images = ofKind("Image");
    const urls = ofKind("Url");
    const short = new Set(all(all(root, NS.bt, "ShortStrings")[0], NS.bt, "String").map((e) => e.getAttribute("id")!));
    const long = new Set(all(all(root, NS.bt, "LongStrings")[0], NS.bt, "String").map((e) => e.getAttribute("id")!));
    const withResid = [...all(root, NS.ov, "*"), ...all(root, NS.bt, "*")].filter((e) => e.hasAttribute("resid"));
    expect(withResid.length).toBeGreaterThan(10);
    for (const e of withResid) {
      const resid = e.getAttribute("resid")!;
      expect(resid.length).toBeLessThanOrEqual(32);
      const kind =
        e.localName === "Image"
          ? images
          : ["SourceLocation", "FunctionFile", "Runtime", "LearnMoreUrl"].includes(e.localName!)
            ? urls
            : e.localName === "Description"
              ? long
              : short;
      expect({ element: e.localName, resid, defined: kind.has(resid) }).toEqual({
        element: e.localName,
        resid,
        defined: true,
      });
    }
  });

  test("ribbon: tab 绩效目标 with a function button per command, 打开助手 (the pane) and 撤销上次操作, icons at 16/32/80", () => {
    const str = (id: string) =>
      all(root, NS.bt, "String")
        .find((s) => s.getAttribute("id") === id)!
        .getAttribute("DefaultValue");
    const tab = all(root, NS.ov, "CustomTab")[0];
    const tabLabel = children(tab).find((e) => e.localName === "Label")!;
    expect(str(tabLabel.getAttribute("resid")!)).toBe("绩效目标");
    expect(children(tab)[children(tab).length - 1].localName).toBe("Label");
    const controls = all(tab, NS.ov, "Control");
    const labelOf = (c: Element) =>
      str(
        children(c)
          .find((e) => e.localName === "Label")!
          .getAttribute("resid")!,
      );
    expect(controls.map(labelOf)).toEqual([
      "识别目标表",
      "生成目标表",
      "生成汇总表",
      "校验",
      "清除标记",
      "填充执行率",
      "打开助手",
      "撤销上次操作",
    ]);
    const groups = all(tab, NS.ov, "Group");
    expect(
      groups.map((g) =>
        str(
          children(g)
            .find((e) => e.localName === "Label")!
            .getAttribute("resid")!,
        ),
      ),
    ).toEqual(["绩效目标表", "校验", "执行率", "助手"]);
    for (const g of groups)
      expect(
        children(g)
          .map((e) => e.localName)
          .slice(0, 2),
      ).toEqual(["Label", "Icon"]);
    const actions = controls.map((c) => children(c).find((e) => e.localName === "Action")!);
    expect(actions.map(xsiType)).toEqual([
      ...new Array<string>(6).fill("ExecuteFunction"),
      "ShowTaskpane",
      "ExecuteFunction",
    ]);
    // Each command button has its own icon; the pane button and the group use the add-in's.
    const iconOf = (c: Element) =>
      all(
        children(c).find((e) => e.localName === "Icon")!,
        NS.bt,
        "Image",
      ).map((i) => i.getAttribute("resid"));
    const icons = controls.map((c) => iconOf(c).join(","));
    expect(new Set(icons).size).toBe(controls.length - 1);
    for (const c of controls) {
      expect(xsiType(c)).toBe("Button");
      expect(children(c).map((e) => e.localName)).toEqual(["Label", "Supertip", "Icon", "Action"]);
    }
    for (const icon of all(root, NS.ov, "Icon"))
      expect(all(icon, NS.bt, "Image").map((i) => i.getAttribute("size"))).toEqual(["16", "32", "80"]);
  });

  test("shared runtime: one page for the pane and the functions; requirement sets declared", () => {
    const runtimes = all(root, NS.ov, "Runtime");
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].getAttribute("lifetime")).toBe("long");
    const page = runtimes[0].getAttribute("resid");
    expect(all(root, NS.ov, "FunctionFile")[0].getAttribute("resid")).toBe(page);
    for (const a of all(root, NS.ov, "Action").filter((a) => xsiType(a) === "ShowTaskpane"))
      expect(all(a, NS.ov, "SourceLocation")[0].getAttribute("resid")).toBe(page);
    const sets = new Map(all(root, NS.app, "Set").map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]));
    expect(sets.get("SharedRuntime")).toBe("1.1");
    expect(sets.get("ExcelApi")).toBe(MIN_EXCEL_API);
  });

  test("every ExecuteFunction is registered with Office.actions.associate in the commands source", async () => {
    const commands = await fs.readFile(path.join(ROOT, "src", "taskpane", "commands.ts"), "utf8");
    const host = await fs.readFile(path.join(ROOT, "src", "office", "host.ts"), "utf8");
    expect(host).toMatch(/\.actions\.associate\(name,/);
    const names = all(root, NS.ov, "FunctionName").map((f) => f.textContent!.trim());
    expect(names).toEqual([
      "recognizeTables",
      "generateTables",
      "generateSummary",
      "checkWorkbook",
      "clearMarks",
      "fillExecutionRates",
      "undoLastCommand",
    ]);
    for (const name of names) {
      expect(name).toMatch(/^[A-Za-z_$][\w$]*$/);
      expect(commands).toMatch(new RegExp(`associateAction\\(\\s*"${name}"\\s*,`));
    }
  });

  test("every URL is https on the dev server and names a file the build writes", () => {
    const urls = [
      ...["IconUrl", "HighResolutionIconUrl", "SupportUrl"].map(
        (n) =>
          children(root)
            .find((e) => e.localName === n)
            ?.getAttribute("DefaultValue") ?? null,
      ),
      ...all(root, NS.app, "SourceLocation").map((e) => e.getAttribute("DefaultValue")),
      ...all(root, NS.bt, "Image").map((e) => e.getAttribute("DefaultValue")),
      ...all(root, NS.bt, "Url").map((e) => e.getAttribute("DefaultValue")),
    ].filter((u): u is string => u !== null);
    expect(urls.length).toBeGreaterThan(5);
    const built = new Set([
      ...webpackConfig.PAGES.map((p) => p.filename),
      ...[...iconFiles().keys()].map((f) => `assets/${f}`),
    ]);
    for (const url of urls) {
      expect(url.startsWith(webpackConfig.DEV_URL)).toBe(true);
      expect({ url, built: built.has(url.slice(webpackConfig.DEV_URL.length)) }).toEqual({ url, built: true });
    }
    // The pane page is the one that loads office.js and the ribbon functions.
    const taskpane = webpackConfig.PAGES.find((p) => p.filename === "taskpane.html")!;
    expect(taskpane.officeJs).toBe(true);
    expect(taskpane.chunks).toEqual(expect.arrayContaining(["taskpane", "commands"]));
  });

  test("the production manifest points at ADDIN_PUBLIC_URL and stays well-formed", () => {
    const url = webpackConfig.publicUrl({ ADDIN_PUBLIC_URL: "https://intranet.example.gov.cn/ptsheet" });
    expect(url).toBe("https://intranet.example.gov.cn/ptsheet/");
    const prod = webpackConfig.rewriteManifest(xml, url);
    expect(prod).not.toContain("https://localhost");
    expect(prod).toContain("https://intranet.example.gov.cn/ptsheet/taskpane.html");
    expect(parse(prod).errors).toEqual([]);
    expect(() => webpackConfig.publicUrl({ ADDIN_PUBLIC_URL: "http://plain.example/" })).toThrow(/https/);
    expect(webpackConfig.publicUrl({})).toBeNull();
  });
});
