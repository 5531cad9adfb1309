/**
 * Property-based tests of the 指标值 grammar (DOMAIN.md §3): every way of writing a
 * `[comparator][number][unit]` target — symbols, full-width forms, words, suffix words, ASCII or
 * full-width digits, units with or without a full-width %, spaces anywhere — parses to the same
 * comparator, number and unit, and `formatTarget` writes it back in a form that parses to the same
 * target again. No string makes the parser throw. Runs are bounded (numRuns) to keep `npm test` quick.
 */
import fc from "fast-check";
import Big from "big.js";
import { formatTarget, parseTarget } from "../../src/core/grammar";
import type { Comparator } from "../../src/core/model";

const RUNS = { numRuns: 200 };

// Bounded by runs, not by time.
jest.setTimeout(600_000);

/** Every way a comparator is written before the number, by the comparator it means. */
const PREFIXES: Record<Comparator, string[]> = {
  "≥": [">=", "=>", "≥", "≧", "⩾", "＞＝", "大于或等于", "大于等于", "不低于", "不少于", "不小于", "至少"],
  "≤": ["<=", "=<", "≤", "≦", "⩽", "＜＝", "小于或等于", "小于等于", "不高于", "不超过", "不大于", "不多于", "控制在"],
  ">": [">", "＞", "大于", "高于", "超过"],
  "<": ["<", "＜", "小于", "低于", "少于"],
  "=": ["=", "＝", "等于", ""],
};

/** Words written after the value instead (`90%以上`). */
const SUFFIXES: Record<"≥" | "≤", string[]> = {
  "≥": ["以上", "及以上"],
  "≤": ["以下", "及以下", "以内"],
};

/** Units by their canonical form, with the ways they are written. */
const UNITS: [string, string[]][] = [
  ["%", ["%", "％", "百分比"]],
  ["‰", ["‰", "千分比"]],
  ...[
    "万元",
    "元",
    "万亩",
    "亩",
    "人",
    "人次",
    "户",
    "个",
    "次",
    "辆",
    "台",
    "套",
    "件",
    "篇",
    "份",
    "天",
    "月",
    "年",
    "米",
    "公里",
    "km",
    "M",
    "次/年",
  ].map((u): [string, string[]] => [u, [u]]),
];

const FULL_DIGITS = "０１２３４５６７８９";

/** A number as a person types it, ASCII or full-width, and its canonical decimal. */
const numberArb = fc
  .record({
    int: fc.nat({ max: 99_999 }),
    decimals: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }),
    negative: fc.boolean(),
    fullWidth: fc.boolean(),
    leadingZero: fc.boolean(),
  })
  .map(({ int, decimals, negative, fullWidth, leadingZero }) => {
    const ascii = `${negative && int > 0 ? "-" : ""}${leadingZero && int > 0 ? "0" : ""}${int}${decimals.length ? `.${decimals.join("")}` : ""}`;
    const written = fullWidth
      ? ascii
          .replace(/\d/g, (d) => FULL_DIGITS[Number(d)])
          .replace(".", "．")
          .replace("-", "－")
      : ascii;
    return { written, canonical: new Big(ascii).toFixed() };
  });

const spaceArb = fc.constantFrom("", "", " ", "\u3000", "\n");

interface Written {
  text: string;
  op: Comparator;
  number: string;
  unit: string | null;
  /** Whether the comparator was written in words (`不低于`, `以上`), and % as `百分比`. */
  word: boolean;
  percentWord: boolean;
}

const comparatorArb: fc.Arbitrary<{ op: Comparator; prefix: string; suffix: string }> = fc.oneof(
  fc
    .constantFrom(...(Object.keys(PREFIXES) as Comparator[]))
    .chain((op) => fc.constantFrom(...PREFIXES[op]).map((prefix) => ({ op, prefix, suffix: "" }))),
  fc
    .constantFrom("≥" as const, "≤" as const)
    .chain((op) => fc.constantFrom(...SUFFIXES[op]).map((suffix) => ({ op: op as Comparator, prefix: "", suffix }))),
);

const unitArb: fc.Arbitrary<{ canonical: string | null; written: string }> = fc.oneof(
  fc.constant({ canonical: null, written: "" }),
  fc
    .constantFrom(...UNITS)
    .chain(([canonical, forms]) => fc.constantFrom(...forms).map((written) => ({ canonical, written }))),
);

const writtenArb: fc.Arbitrary<Written> = fc
  .tuple(comparatorArb, numberArb, unitArb, spaceArb, spaceArb, spaceArb, spaceArb)
  .map(([c, n, u, s1, s2, s3, s4]) => ({
    text: `${s1}${c.prefix}${s2}${n.written}${s3}${u.written}${c.suffix}${s4}`,
    op: c.op,
    number: n.canonical,
    unit: u.canonical,
    word: /[\u4e00-\u9fff]/.test(c.prefix + c.suffix),
    percentWord: /分比/.test(u.written),
  }));

describe("parseTarget over generated targets", () => {
  it("reads the comparator, the number and the unit, whatever the form", () => {
    fc.assert(
      fc.property(writtenArb, (w) => {
        const t = parseTarget(w.text);
        expect({ op: t.op, number: t.number, unit: t.unit, text: t.text }).toEqual({
          op: w.op,
          number: w.number,
          unit: w.unit,
          text: null,
        });
      }),
      RUNS,
    );
  });

  it("formatTarget writes a canonical form that parses to the same target, and is stable", () => {
    fc.assert(
      fc.property(writtenArb, (w) => {
        const t = parseTarget(w.text);
        const formatted = formatTarget(t);
        const again = parseTarget(formatted);
        expect({ op: again.op, number: again.number, unit: again.unit, text: again.text }).toEqual({
          op: t.op,
          number: t.number,
          unit: t.unit,
          text: null,
        });
        expect(formatTarget(again)).toBe(formatted);
        // The canonical form has no full-width characters or comparator words to flag.
        expect(again.notes.filter((n) => n === "fullwidth" || n === "comparator-word" || n === "percent-word")).toEqual(
          [],
        );
      }),
      RUNS,
    );
  });

  it("notes full-width forms, comparator words and 百分比 where they were written", () => {
    fc.assert(
      fc.property(writtenArb, (w) => {
        const t = parseTarget(w.text);
        expect(t.notes.includes("fullwidth")).toBe(/[\uff01-\uff5e≧≦]/.test(w.text));
        expect(t.notes.includes("comparator-word")).toBe(w.word);
        expect(t.notes.includes("percent-word")).toBe(w.percentWord);
      }),
      RUNS,
    );
  });
});

describe("parseTarget over any string", () => {
  it("never throws, and its result is consistent", () => {
    const anyText = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.string({ unit: "grapheme", maxLength: 40 }),
      // Near misses: grammar pieces shuffled together.
      fc
        .array(
          fc.constantFrom(
            "≥",
            "＞",
            "大于",
            "以上",
            "9",
            "９",
            ".",
            "．",
            "%",
            "％",
            "百分比",
            "-",
            "+",
            " ",
            "万元",
            "次/年",
            "e5",
            ",",
            "/",
          ),
          { maxLength: 8 },
        )
        .map((parts) => parts.join("")),
    );
    fc.assert(
      fc.property(anyText, (s) => {
        const t = parseTarget(s);
        expect(t.op === null).toBe(t.number === null);
        if (t.op === null) {
          expect(t.unit).toBeNull();
          if (t.text !== null) expect(t.text).toBe(s.trim());
        } else {
          expect(t.text).toBeNull();
          expect(() => new Big(t.number!)).not.toThrow();
          expect(new Big(t.number!).toFixed()).toBe(t.number);
        }
        expect(() => formatTarget(t)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
