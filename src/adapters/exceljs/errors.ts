/** Errors a user can act on, with the Chinese message first and the English beside it. */

export class WorkbookError extends Error {
  readonly messageEn: string;
  constructor(message: string, messageEn: string) {
    super(message);
    this.name = "WorkbookError";
    this.messageEn = messageEn;
  }
}

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

function containsUtf16(bytes: Uint8Array, text: string, limit = 1 << 20): boolean {
  const needle = [...text].flatMap((ch) => [ch.charCodeAt(0), 0]);
  const end = Math.min(bytes.length, limit) - needle.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Says what a file is when it is not an .xlsx package, before ExcelJS tries to unzip it. */
export function checkSignature(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new WorkbookError("文件为空（0 字节）", "The file is empty (0 bytes)");
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (containsUtf16(bytes, "EncryptionInfo"))
      throw new WorkbookError(
        "工作簿已加密（设有打开密码），请在 Excel 中取消密码后再试",
        "The workbook is encrypted (password to open); remove the password in Excel and try again",
      );
    throw new WorkbookError(
      "这是旧版 .xls（Excel 97-2003）文件，请在 Excel 或 WPS 中另存为 .xlsx 后再试",
      "This is a legacy .xls (Excel 97-2003) file; save it as .xlsx and try again",
    );
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    throw new WorkbookError("文件是空的 zip 包，不是工作簿", "The file is an empty zip, not a workbook");
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 512));
    const textLike = !/[\u0000-\u0008\u000e-\u001f]/.test(head);
    throw textLike
      ? new WorkbookError(
          "这是文本文件（如 CSV），不是 .xlsx 工作簿；请在 Excel 或 WPS 中另存为 .xlsx",
          "This is a text file (such as CSV), not an .xlsx workbook; save it as .xlsx",
        )
      : new WorkbookError("不是 .xlsx 工作簿（文件格式无法识别）", "Not an .xlsx workbook (unrecognised format)");
  }
}
