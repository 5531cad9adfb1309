/** Text normalisation shared by every reader: full-width forms, label keys, wrapped lines. */

/** Full-width ASCII forms (！ to ～) and the ideographic space become their ASCII twins. */
export function toHalfWidth(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += " ";
    else out += ch;
  }
  return out;
}

/** Whether the text holds any full-width ASCII form. */
export function hasFullWidth(s: string): boolean {
  return /[\uff01-\uff5e]/.test(s);
}

const BRACKETS = /[（(【[]([^）)】\]]*)[）)】\]]/g;

/**
 * The key a label is matched by: full-width folded, every whitespace removed (`财政    资金`),
 * a leading `其中：` and trailing colons dropped, bracketed notes (`（万元）`, `（%）`) removed.
 */
export function labelKey(s: string): string {
  let k = toHalfWidth(s).replace(/\s+/g, "");
  k = k.replace(BRACKETS, "");
  k = k.replace(/^其中[:：]?/, "");
  k = k.replace(/^[、.:：]+|[:：]+$/g, "");
  return k;
}

/** The bracketed notes of a label (`预算数（万元）` → [`万元`]). */
export function bracketNotes(s: string): string[] {
  const notes: string[] = [];
  for (const m of toHalfWidth(s).matchAll(BRACKETS)) notes.push(m[1].trim());
  return notes;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Punctuation inside a Chinese sentence, after which a line break still only wraps the text. */
const CJK_INNER_PUNCTUATION = /[，、（《“‘]/;
/** Punctuation a wrapped Chinese line may start with. */
const CJK_OPENING = /[（《“‘]/;
const SENTENCE_END = /[。；;！!？?：:]$/;
/** A line that starts a list item: `2.`, `2、`, `（2）`, `(2)`, `二、`, `①`. */
export const LIST_MARKER = /^\s*(\d{1,2}\s*[.．、]|[（(]\s*\d{1,2}\s*[)）]|[一二三四五六七八九十]{1,3}\s*、|[①-⑳])/;

/**
 * Trims the text, unifies line breaks, and drops a break that only wraps Chinese text
 * (`实际完成工作的价值与实际\n成本的比值`), keeping breaks before list items and after sentences.
 */
export function cleanText(s: string): string {
  const lines = s
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.replace(/[ \t\u00a0\u3000]+$/g, "").replace(/^[ \t\u00a0\u3000]+/g, ""));
  let out = "";
  for (const line of lines) {
    if (line === "") {
      if (out !== "" && !out.endsWith("\n")) out += "\n";
      continue;
    }
    if (out === "" || out.endsWith("\n")) {
      out += line;
      continue;
    }
    const prev = out[out.length - 1];
    const wraps =
      (CJK.test(prev) || CJK_INNER_PUNCTUATION.test(prev)) &&
      !SENTENCE_END.test(out) &&
      !LIST_MARKER.test(line) &&
      (CJK.test(line[0]) || CJK_OPENING.test(line[0]));
    out += wraps ? line : `\n${line}`;
  }
  return out.trim();
}

/** Splits a goals cell into its numbered items; text without numbering is one item a paragraph. */
export function splitItems(s: string): string[] {
  const text = cleanText(s);
  if (text === "") return [];
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const numbered = lines.filter((l) => LIST_MARKER.test(l)).length;
  if (numbered === 0) return lines;
  const items: string[] = [];
  for (const line of lines) {
    if (LIST_MARKER.test(line) || items.length === 0) items.push(line);
    else items[items.length - 1] += line;
  }
  return items;
}

/** Whether a cell's text is empty to a reader (blank, spaces, non-breaking spaces). */
export function isBlank(s: string | null | undefined): boolean {
  return s == null || /^[\s\u00a0\u3000]*$/.test(s);
}
