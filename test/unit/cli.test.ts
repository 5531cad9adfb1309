/**
 * `ptsheet` run in-process: exit code 0 and the JSON of issue 2 on the sample; exit code 2 with one
 * clear message on stderr, and no stack trace, for input that is not a readable .xlsx and for usage
 * errors.
 */
import { promises as fs } from "fs";
import * as path from "path";
import JSZip from "jszip";
import { main } from "../../src/cli/ptsheet";
import { buildSeedSample } from "../fixtures/seed-sample";
import { fixtureDir, readFixture } from "../fixtures/workbook";
import { asJson } from "../fixtures/expected";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function ptsheet(...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(["node", "ptsheet", ...args], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  });
  return { code, stdout, stderr };
}

/** Deterministic noise that starts like no known file format. */
function noise(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = 0x2545f491;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  out[0] = 0x00;
  out[1] = 0x9c;
  return out;
}

const CFB_HEADER = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function utf16le(s: string): number[] {
  return [...s].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8]);
}

function expectOneCleanMessage(r: Run, phrase: string): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toContain(phrase);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/\bError:/);
  expect(r.stderr.match(/ptsheet:|error:/g)).toHaveLength(1);
}

describe("ptsheet inspect on the sample", () => {
  let dir: string;
  let sample: string;
  beforeAll(async () => {
    dir = fixtureDir("cli");
    sample = await buildSeedSample(dir);
  });

  it("prints the JSON of issue 2 and exits 0", async () => {
    const r = await ptsheet("inspect", sample, "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const printed = JSON.parse(r.stdout);
    expect(printed).toEqual(asJson(await readFixture(sample)));
    expect(printed.tables).toHaveLength(6);
    expect(printed.tables[0]).toMatchObject({
      code: "13062522P00459810061C",
      name: "2022年利息收入",
      budget: { total: 1.75, fiscal: 0, other: 1.75 },
    });
    expect(printed.departmentTargets.items).toHaveLength(8);
  });

  it("prints the tables readably and exits 0", async () => {
    const r = await ptsheet("inspect", sample);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("识别到 6 张绩效目标表");
    expect(r.stdout).toContain("[1] 2022年利息收入  13062522P00459810061C");
    expect(r.stdout).toContain("预算数 1.75 = 财政 0 + 其他 1.75");
    expect(r.stdout).toContain("支出计划 3月底 24% | 6月底 50% | 10月底 74% | 12月底 100%");
    expect(r.stdout).toContain("分项目标 8 项");
  });

  it("shows help on --help and exits 0", async () => {
    const r = await ptsheet("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("inspect");
  });
});

describe("ptsheet inspect on input it cannot read", () => {
  let dir: string;
  let sample: Buffer;
  beforeAll(async () => {
    dir = fixtureDir("cli-bad");
    sample = await fs.readFile(await buildSeedSample(dir));
  });

  const write = async (name: string, bytes: Uint8Array | string): Promise<string> => {
    const file = path.join(dir, name);
    await fs.writeFile(file, bytes);
    return file;
  };

  it("a missing file", async () => {
    expectOneCleanMessage(await ptsheet("inspect", path.join(dir, "nowhere.xlsx"), "--json"), "找不到文件");
  });

  it("a directory", async () => {
    const sub = path.join(dir, "folder.xlsx");
    await fs.mkdir(sub, { recursive: true });
    expectOneCleanMessage(await ptsheet("inspect", sub), "不是文件");
  });

  it("random bytes", async () => {
    expectOneCleanMessage(await ptsheet("inspect", await write("random.xlsx", noise(4096))), "不是 .xlsx 工作簿");
  });

  it("a CSV renamed .xlsx", async () => {
    const csv = "项目编码,项目名称,预算数\n13062522P00459810061C,2022年利息收入,1.75\n";
    expectOneCleanMessage(await ptsheet("inspect", await write("list.xlsx", csv), "--json"), "文本文件（如 CSV）");
  });

  it("a truncated zip", async () => {
    const truncated = sample.subarray(0, Math.floor(sample.length / 2));
    expectOneCleanMessage(await ptsheet("inspect", await write("truncated.xlsx", truncated)), "文件已损坏");
  });

  it("an empty file", async () => {
    expectOneCleanMessage(await ptsheet("inspect", await write("empty.xlsx", new Uint8Array(0))), "文件为空");
  });

  it("an empty zip", async () => {
    const empty = await new JSZip().generateAsync({ type: "uint8array" });
    expectOneCleanMessage(await ptsheet("inspect", await write("empty-zip.xlsx", empty)), "空的 zip");
  });

  it("a zip that holds no workbook (a renamed .docx)", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types/>');
    zip.file("word/document.xml", "<w:document/>");
    const docx = await zip.generateAsync({ type: "uint8array" });
    expectOneCleanMessage(await ptsheet("inspect", await write("report.xlsx", docx)), "没有工作表");
  });

  it("a legacy .xls (CFB) file", async () => {
    const xls = new Uint8Array([...CFB_HEADER, ...new Array<number>(2048).fill(0)]);
    expectOneCleanMessage(await ptsheet("inspect", await write("old.xlsx", xls)), "旧版 .xls");
  });

  it("an encrypted workbook (CFB with EncryptionInfo)", async () => {
    const encrypted = new Uint8Array([
      ...CFB_HEADER,
      ...new Array<number>(504).fill(0),
      ...utf16le("EncryptionInfo"),
      ...new Array<number>(512).fill(0),
    ]);
    expectOneCleanMessage(await ptsheet("inspect", await write("secret.xlsx", encrypted)), "已加密");
  });
});

describe("ptsheet usage errors", () => {
  it("an unknown command", async () => {
    const r = await ptsheet("frobnicate", "x.xlsx");
    expectOneCleanMessage(r, "unknown command 'frobnicate'");
    expect(r.stderr).toContain("ptsheet --help");
  });

  it("inspect without a file", async () => {
    expectOneCleanMessage(await ptsheet("inspect"), "missing required argument 'file'");
  });

  it("an unknown option", async () => {
    expectOneCleanMessage(await ptsheet("inspect", "x.xlsx", "--frob"), "unknown option '--frob'");
  });
});
