import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { readWorkbook } from "../../src/core/reader";
import { checkTables } from "../../src/core/rules";
import { planCheck } from "../../src/commands/check";
import { megaString, putTable, workbookWith, DEFAULT_INDICATORS } from "../bad-inputs/corpus";
jest.setTimeout(600000);
it("prof", async () => {
  let t = Date.now();
  const lap = (x: string) => { console.log(x, Date.now() - t); t = Date.now(); };
  const usage = megaString("项目资金"); const description = megaString("指标说明");
  const bytes = await workbookWith((wb) => {
    putTable(wb.addWorksheet("项目表"), 1, { usage, indicators: [["产出指标", "数量指标", "系统运维次数", description, "≥12次", "工作计划"], ...DEFAULT_INDICATORS.slice(1)] });
    wb.addWorksheet("附件").getCell("A1").value = megaString("附件说明");
  }); lap("build");
  const wb = await ExcelJsWorkbook.load(bytes); lap("load");
  const snap = await wb.read(); lap("read");
  const r = readWorkbook(snap); lap("reader");
  checkTables(r.tables, { profile: "auto" }); lap("rules");
  const o = await planCheck(wb); lap("planCheck");
  await wb.apply(o.changes); lap("apply");
  await wb.toBuffer(); lap("toBuffer");
});
