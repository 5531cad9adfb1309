/**
 * Ribbon functions (ExecuteFunction). They run in the task pane's page (shared runtime), so they
 * update the same state the pane shows. Each FunctionName in manifest.xml is registered here with
 * `associateAction` (test/unit/manifest.test.ts checks that); later buttons add theirs the same way.
 */
import { associateAction, showTaskpane, type CommandEvent } from "../office/host";
import { recognizeAction, whenIdle } from "./actions";
import { getPort, setPort } from "./state";
import { officePort } from "./backend";

/** 识别目标表: reads the open workbook (writes nothing) and shows the result in the pane. */
export async function recognizeTables(event: CommandEvent): Promise<void> {
  try {
    if (!getPort()) setPort(officePort());
    await whenIdle();
    await recognizeAction("ribbon");
    await showTaskpane();
  } finally {
    event.completed();
  }
}

void associateAction("recognizeTables", recognizeTables);
