/**
 * Office errors turned into messages a user can act on, Chinese first with the English beside it.
 *
 * `context.sync()` rejects with an `OfficeExtension.Error` (`name` "RichApi.Error", a `code` from
 * `Excel.ErrorCodes`, a localised `message` not meant for end users, and `debugInfo`). The class is
 * not available outside Office, so errors are recognised by shape, not by `instanceof`.
 */
import { WorkbookError } from "../adapters/exceljs/errors";

export class OfficeWorkbookError extends WorkbookError {
  /** The Office error code (`InvalidOperationInCellEditMode`, …) or the adapter's own (`SheetProtected`). */
  readonly code: string;
  readonly sheet?: string;
  readonly officeMessage?: string;

  constructor(
    code: string,
    message: string,
    messageEn: string,
    extra: { sheet?: string; officeMessage?: string } = {},
  ) {
    super(message, messageEn);
    this.name = "OfficeWorkbookError";
    this.code = code;
    this.sheet = extra.sheet;
    this.officeMessage = extra.officeMessage;
  }
}

interface OfficeErrorShape {
  code: string;
  message: string;
  location?: string;
}

/** The code, message and location of an Office error, or null when `e` is not one. */
export function officeErrorInfo(e: unknown): OfficeErrorShape | null {
  if (typeof e !== "object" || e === null) return null;
  const o = e as { code?: unknown; message?: unknown; debugInfo?: { code?: unknown; errorLocation?: unknown } };
  const code = typeof o.code === "string" ? o.code : typeof o.debugInfo?.code === "string" ? o.debugInfo.code : null;
  if (!code) return null;
  return {
    code,
    message: typeof o.message === "string" ? o.message : "",
    location: typeof o.debugInfo?.errorLocation === "string" ? o.debugInfo.errorLocation : undefined,
  };
}

export const PAYLOAD_ERROR_CODES = new Set([
  "RequestPayloadSizeLimitExceeded",
  "ResponsePayloadSizeLimitExceeded",
  "RangeExceedsLimit",
]);

export function isPayloadError(e: unknown): boolean {
  const info = officeErrorInfo(e);
  return info !== null && PAYLOAD_ERROR_CODES.has(info.code);
}

export function sheetProtectedError(sheet: string): OfficeWorkbookError {
  return new OfficeWorkbookError(
    "SheetProtected",
    `工作表「${sheet}」受保护，无法写入。请在「审阅 → 撤销工作表保护」后重试。`,
    `Sheet "${sheet}" is protected and cannot be changed. Unprotect it (Review → Unprotect Sheet) and try again.`,
    { sheet },
  );
}

export function workbookProtectedError(): OfficeWorkbookError {
  return new OfficeWorkbookError(
    "WorkbookProtected",
    "工作簿结构受保护，无法添加或删除工作表。请在「审阅 → 保护工作簿」中取消保护后重试。",
    "The workbook structure is protected, so sheets cannot be added or deleted. Unprotect it (Review → Protect Workbook) and try again.",
  );
}

export function noSuchSheetError(sheet: string): OfficeWorkbookError {
  return new OfficeWorkbookError("ItemNotFound", `工作表不存在：${sheet}`, `No sheet named ${sheet}`, { sheet });
}

export function sheetExistsError(sheet: string): OfficeWorkbookError {
  return new OfficeWorkbookError(
    "ItemAlreadyExists",
    `已有名为「${sheet}」的工作表（Excel 的工作表名不区分大小写）`,
    `A sheet named "${sheet}" already exists (Excel sheet names ignore case)`,
    { sheet },
  );
}

type Messages = [zh: string, en: string];

const MESSAGES: Record<string, Messages> = {
  InvalidOperationInCellEditMode: [
    "Excel 正在编辑单元格。请先按 Enter 或 Esc 退出单元格编辑，再重试。",
    "Excel is editing a cell. Press Enter or Esc to finish editing the cell, then try again.",
  ],
  AccessDenied: [
    "Excel 拒绝了此操作：工作表或工作簿可能受保护，或文件为只读。",
    "Excel refused the operation: the sheet or workbook may be protected, or the file is read-only.",
  ],
  InvalidOperation: [
    "Excel 无法执行此操作：工作表可能受保护，或该区域含有不允许修改的内容（如合并单元格、表格或数据透视表）。",
    "Excel cannot do this: the sheet may be protected, or the range holds something that cannot be changed (merged cells, a table or a PivotTable).",
  ],
  ItemNotFound: [
    "找不到所需的工作表或区域，可能已被重命名或删除。请重新识别后再试。",
    "A sheet or range was not found; it may have been renamed or deleted. Read the workbook again and retry.",
  ],
  ItemAlreadyExists: ["已存在同名工作表。", "A sheet with that name already exists."],
  RequestPayloadSizeLimitExceeded: [
    "要写入的数据超过了 Excel 网页版单次请求 5 MB 的上限，请减少一次处理的表格数量后重试。",
    "The data to write exceeds Excel on the web's 5 MB request limit; process fewer tables at a time.",
  ],
  ResponsePayloadSizeLimitExceeded: [
    "要读取的数据超过了 Excel 网页版单次响应 5 MB 的上限（单元格内容过长）。",
    "The data to read exceeds Excel on the web's 5 MB response limit (cell contents are too long).",
  ],
  RangeExceedsLimit: [
    "区域的单元格数量超过了 Excel 的上限（每次最多读取五百万个单元格）。",
    "The range has more cells than Excel allows (at most five million cells per read).",
  ],
  InvalidArgument: ["Excel 不接受此地址、格式或数值。", "Excel did not accept an address, format or value."],
  InvalidReference: ["引用对当前操作无效。", "A reference is not valid for this operation."],
  MergedRangeConflict: [
    "操作与合并单元格冲突，请先取消相关合并。",
    "The operation conflicts with merged cells; unmerge them first.",
  ],
  FormulaLengthExceedsLimit: ["公式过长，超出 Excel 的长度上限。", "A formula is longer than Excel allows."],
  ApiNotFound: [
    "当前 Excel 版本不支持此功能。请更新 Office，或改用网页版（浏览器中打开 .xlsx）。",
    "This Excel version does not support the feature. Update Office, or use the web page with the .xlsx file.",
  ],
  NotImplemented: [
    "当前 Excel 版本不支持此功能。请更新 Office，或改用网页版（浏览器中打开 .xlsx）。",
    "This Excel version does not support the feature. Update Office, or use the web page with the .xlsx file.",
  ],
  InactiveWorkbook: [
    "打开了多个工作簿，本工作簿已失去焦点。请切换回此工作簿后重试。",
    "Several workbooks are open and this one lost focus. Switch back to it and try again.",
  ],
  ActivityLimitReached: [
    "Excel 暂时繁忙（已达活动上限），请稍后重试。",
    "Excel is busy (activity limit reached); try again shortly.",
  ],
  RequestAborted: ["请求被中断，请重试。", "The request was aborted; try again."],
  ServiceNotAvailable: ["Excel 服务暂不可用，请稍后重试。", "The Excel service is not available; try again later."],
  GeneralException: [
    "Excel 处理请求时出现内部错误，请稍后重试。",
    "Excel hit an internal error while processing the request; try again later.",
  ],
  UnsupportedSheet: [
    "此类工作表（宏表或图表工作表）不支持该操作。",
    "This kind of sheet (a macro or chart sheet) does not support the operation.",
  ],
};

/**
 * The user-facing error for anything thrown inside `Excel.run`. Errors that already speak to the
 * user pass through; Office errors get their code's message; anything else is wrapped.
 * `protectedSheets` names the sheets the command touched that were protected when it started.
 */
export function toWorkbookError(e: unknown, protectedSheets: string[] = []): WorkbookError {
  if (e instanceof WorkbookError) return e;
  const info = officeErrorInfo(e);
  if (!info) {
    const msg = e instanceof Error ? e.message : String(e);
    return new OfficeWorkbookError("Unknown", `Excel 操作失败：${msg}`, `The Excel operation failed: ${msg}`);
  }
  if ((info.code === "InvalidOperation" || info.code === "AccessDenied") && protectedSheets.length > 0) {
    const err = sheetProtectedError(protectedSheets[0]);
    return new OfficeWorkbookError(info.code, err.message, err.messageEn, {
      sheet: protectedSheets[0],
      officeMessage: info.message,
    });
  }
  const m = MESSAGES[info.code];
  if (m) return new OfficeWorkbookError(info.code, m[0], m[1], { officeMessage: info.message });
  return new OfficeWorkbookError(
    info.code,
    `Excel 操作失败（${info.code}）：${info.message}`,
    `The Excel operation failed (${info.code}): ${info.message}`,
    { officeMessage: info.message },
  );
}
