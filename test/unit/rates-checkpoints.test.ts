/** Checkpoint labels to dates, 序时进度 and the as-of default. */
import { checkpointDate, checkpointSerial } from "../../src/core/rates/checkpoints";
import { paceAt, DEFAULT_RATES_SETTINGS, ratesSettingsFrom } from "../../src/core/rates/settings";
import { defaultAsOf } from "../../src/core/rates/compute";
import { isoOfSerial, serialOf } from "../../src/core/ledger/values";

// Workbooks are written and read here: no wall-clock limit on a busy machine.
jest.setTimeout(600_000);

const iso = (label: string, year = 2022): string | null => {
  const s = checkpointSerial(label, year);
  return s === null ? null : isoOfSerial(s);
};

describe("checkpoint dates from plan labels", () => {
  it.each([
    ["3月底", "2022-03-31"],
    ["6月末", "2022-06-30"],
    ["10月底", "2022-10-31"],
    ["12月底", "2022-12-31"],
    ["9月", "2022-09-30"],
    ["上半年", "2022-06-30"],
    ["下半年", "2022-12-31"],
    ["1-7月", "2022-07-31"],
    ["1-12月份", "2022-12-31"],
    ["三季度末", "2022-09-30"],
    ["第一季度", "2022-03-31"],
    ["4季度", "2022-12-31"],
    ["11月30日", "2022-11-30"],
    ["全年", "2022-12-31"],
    ["年底", "2022-12-31"],
    ["十二月底", "2022-12-31"],
    ["二月底", "2022-02-28"],
    ["3月底支出进度（%）", "2022-03-31"],
    ["截至6月底", "2022-06-30"],
  ])("%s → %s", (label, date) => expect(iso(label)).toBe(date));

  it("knows leap years and refuses labels that name no date", () => {
    expect(iso("2月底", 2024)).toBe("2024-02-29");
    expect(iso("2月29日", 2024)).toBe("2024-02-29");
    expect(iso("2月29日", 2022)).toBeNull();
    expect(iso("13月底")).toBeNull();
    expect(iso("7-1月")).toBeNull();
    expect(iso("11月31日")).toBeNull();
    expect(iso("绩效目标")).toBeNull();
    expect(checkpointDate("3月底", 2023)).toEqual({ year: 2023, month: 3, day: 31 });
  });
});

describe("序时进度", () => {
  const s = DEFAULT_RATES_SETTINGS;
  it("is the share of the year elapsed, month ends giving n/12", () => {
    expect(paceAt(s, 2022, 2022, 3, 31)).toBe("25");
    expect(paceAt(s, 2022, 2022, 6, 30)).toBe("50");
    expect(paceAt(s, 2022, 2022, 9, 30)).toBe("75");
    expect(paceAt(s, 2022, 2022, 10, 31)).toBe("83.33");
    expect(paceAt(s, 2022, 2022, 11, 30)).toBe("91.67");
    expect(paceAt(s, 2022, 2022, 12, 31)).toBe("100");
    // Mid-month: 5 months and half of June.
    expect(paceAt(s, 2022, 2022, 6, 15)).toBe("45.83");
    expect(paceAt(s, 2022, 2021, 12, 31)).toBe("0");
    expect(paceAt(s, 2022, 2023, 1, 1)).toBe("100");
  });

  it("takes thresholds from the settings where they are set", () => {
    const custom = ratesSettingsFrom({
      thresholds: [
        { month: 6, min: 40 },
        { month: 11, day: 15, min: 80 },
      ],
    });
    expect(paceAt(custom, 2022, 2022, 6, 30)).toBe("40");
    expect(paceAt(custom, 2022, 2022, 11, 15)).toBe("80");
    expect(paceAt(custom, 2022, 2022, 9, 30)).toBe("75");
    // Settings that cannot be used fall back to the defaults.
    expect(ratesSettingsFrom({ thresholds: [{ month: 13, min: 5 }], tolerance: -1, reasonBelow: "x" })).toEqual(
      DEFAULT_RATES_SETTINGS,
    );
  });
});

describe("as-of default", () => {
  it("is today, or the budget year's last day when that is earlier", () => {
    expect(isoOfSerial(defaultAsOf(serialOf(2025, 3, 1), 2022))).toBe("2022-12-31");
    expect(isoOfSerial(defaultAsOf(serialOf(2022, 5, 10), 2022))).toBe("2022-05-10");
    expect(isoOfSerial(defaultAsOf(serialOf(2022, 5, 10), null))).toBe("2022-05-10");
  });
});
