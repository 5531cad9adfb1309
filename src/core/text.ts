/** Text normalisation shared by every reader: full-width forms, label keys, wrapped lines. */

/** Full-width ASCII forms (！ to ～) and the ideographic space become their ASCII twins. */
export function toHalfWidth(s: string): string {
  if (!FULL_WIDTH_OR_SPACE.test(s)) return s;
  // One native replace: building the result a character at a time is slow on megabyte cells.
  return s.replace(/[\uff01-\uff5e\u3000]/g, (ch) =>
    ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

const FULL_WIDTH_OR_SPACE = /[\uff01-\uff5e\u3000]/;

/**
 * A memo for a pure text function over short strings: the same labels and phrases recur in every
 * one of thousands of tables, each read several times. Emptied when it grows past `limit` entries.
 */
function memoized(f: (s: string) => string, maxLength = 200, limit = 50_000): (s: string) => string {
  let memo = new Map<string, string>();
  return (s) => {
    if (s.length > maxLength) return f(s);
    let r = memo.get(s);
    if (r === undefined) {
      if (memo.size >= limit) memo = new Map();
      r = f(s);
      memo.set(s, r);
    }
    return r;
  };
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
export const labelKey: (s: string) => string = memoized(labelKeyOf);

function labelKeyOf(s: string): string {
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
export const cleanText: (s: string) => string = memoized(cleanTextOf);

function cleanTextOf(s: string): string {
  const lines = s
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.replace(/[ \t\u00a0\u3000]+$/g, "").replace(/^[ \t\u00a0\u3000]+/g, ""));
  // Pieces joined at the end, with the last character kept aside: reading the end of a growing
  // string flattens it every time, which is quadratic on a cell of a megabyte.
  const parts: string[] = [];
  let last = "";
  const push = (piece: string): void => {
    parts.push(piece);
    last = piece[piece.length - 1];
  };
  for (const line of lines) {
    if (line === "") {
      if (parts.length > 0 && last !== "\n") push("\n");
      continue;
    }
    if (parts.length === 0 || last === "\n") {
      push(line);
      continue;
    }
    const wraps =
      (CJK.test(last) || CJK_INNER_PUNCTUATION.test(last)) &&
      !SENTENCE_END.test(last) &&
      !LIST_MARKER.test(line) &&
      (CJK.test(line[0]) || CJK_OPENING.test(line[0]));
    if (!wraps) parts.push("\n");
    push(line);
  }
  return parts.join("").trim();
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
