/**
 * 撤销上次操作 in the pane and the ribbon: the pane's button says which command it undoes and when,
 * is disabled without a record, and is not shown in the browser (the page downloads its copy only
 * after a command succeeded, so there is nothing to put back); the ribbon function runs the same
 * action and always completes its event.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { FakeExcel } from "../fake-excel";
import { OfficeWorkbook } from "../../src/office/excel-workbook";
import { Journal, undoHistory } from "../../src/office/journal";
import { UndoButton } from "../../src/taskpane/components/UndoButton";
import { undoLastCommand } from "../../src/taskpane/commands";
import { initI18n } from "../../src/taskpane/i18n";
import { getState, resetState, setPort, setState } from "../../src/taskpane/state";

afterEach(() => {
  undoHistory.set(null);
  initI18n("zh");
});

function excelMode(): void {
  resetState();
  setState({ detection: { mode: "excel", platform: "PC" } });
}

test("Excel: the button names the last command and its time; disabled without one", () => {
  initI18n("zh");
  excelMode();
  const none = renderToStaticMarkup(<UndoButton />);
  expect(none).toContain("撤销上次操作");
  expect(none).toMatch(/<button[^>]*disabled/);
  undoHistory.set({ label: "generate", at: new Date(2026, 10, 27, 9, 5), journal: new Journal() });
  const one = renderToStaticMarkup(<UndoButton />);
  expect(one).toContain("撤销「生成目标表」（09:05）");
  expect(one).not.toMatch(/<button[^>]*disabled/);
  initI18n("en");
  expect(renderToStaticMarkup(<UndoButton />)).toContain("Undo Generate target sheets (09:05)");
});

test("browser: no undo button", () => {
  initI18n("zh");
  resetState();
  setState({ detection: { mode: "browser", reason: "no-host" } });
  undoHistory.set({ label: "check", at: new Date(), journal: new Journal() });
  expect(renderToStaticMarkup(<UndoButton />)).toBe("");
});

test("ribbon 撤销上次操作 without a record: says so and completes the event", async () => {
  excelMode();
  const fake = new FakeExcel([{ name: "Sheet1", values: [["x"]] }]);
  setPort(new OfficeWorkbook({ run: fake.run, supports: fake.supports }));
  let completed = 0;
  await undoLastCommand({ completed: () => completed++ });
  expect(completed).toBe(1);
  expect(getState().message).toMatchObject({ key: "undo.nothing" });
  expect(fake.syncCount).toBe(0);
});
