/**
 * The ribbon commands over the fake Excel (test/fake-excel), for the bench: a workbook's snapshot
 * is loaded into the fake, each ribbon function runs on it in the order a user presses them
 * (识别目标表, 生成目标表, 校验, 生成汇总表, 填充执行率, 清除标记), and for each the fake's count of
 * `context.sync` calls and its largest request and response are kept.
 *
 * Not compiled by the CLI build (it needs the Office and DOM types): `bench/office-child.ts` loads it
 * through the TypeScript hook; `npm run typecheck` checks it.
 */
import { FakeExcel } from "../../test/fake-excel";
import type { SheetInit } from "../../test/fake-excel";
import { OfficeWorkbook } from "../../src/office/excel-workbook";
import {
  checkWorkbook,
  clearMarks,
  fillExecutionRates,
  generateSummary,
  generateTables,
  recognizeTables,
} from "../../src/taskpane/commands";
import { getState, resetState, setPort, setState } from "../../src/taskpane/state";
import type { WorkbookSnapshot } from "../../src/port/workbook";

export interface RibbonFigures {
  command: string;
  syncs: number;
  runs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  ms: number;
  /** The pane's message key after the command (`check.done` …), or its error. */
  outcome: string;
}

export const RIBBON: { command: string; press: (event: { completed(): void }) => Promise<void> }[] = [
  { command: "recognize", press: recognizeTables },
  { command: "generate", press: generateTables },
  { command: "check", press: checkWorkbook },
  { command: "summary", press: generateSummary },
  { command: "rates", press: fillExecutionRates },
  { command: "clear", press: clearMarks },
];

/** A fresh pane state over a fresh Office adapter on the fake (as the add-in starts in Excel). */
export function attach(fake: FakeExcel): OfficeWorkbook {
  resetState();
  setState({ detection: { mode: "excel", platform: "PC" } });
  const port = new OfficeWorkbook({ run: fake.run, supports: fake.supports });
  setPort(port);
  return port;
}

/** Presses each ribbon button in turn on one fake workbook; the figures of each. */
export async function ribbonFigures(snapshot: WorkbookSnapshot): Promise<RibbonFigures[]> {
  const fake = new FakeExcel(snapshot.sheets as SheetInit[]);
  const out: RibbonFigures[] = [];
  for (const { command, press } of RIBBON) {
    attach(fake);
    fake.resetStats();
    const t0 = performance.now();
    let completed = 0;
    await press({ completed: () => completed++ });
    const ms = performance.now() - t0;
    const message = getState().message as { key?: string; kind?: string } | null;
    out.push({
      command,
      syncs: fake.syncCount,
      runs: fake.runs,
      maxRequestBytes: fake.maxRequestBytes,
      maxResponseBytes: fake.maxResponseBytes,
      ms,
      outcome: completed === 1 ? (message?.key ?? "done") : "not completed",
      ...(process.env.BENCH_DEBUG ? { message: JSON.stringify(getState().message) } : {}),
    });
  }
  return out;
}
