/**
 * The 执行率 part of the settings: 序时进度 thresholds (month end and percentage), the tolerance in
 * percentage points and the year-end rate below which a 偏差原因 is asked for. Stored in the
 * workbook's rates record (one place, read by the CLI too); the next 填充执行率 marks by them.
 */
import { useState } from "react";
import { Button, Caption1, Field, Input, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import {
  formatPaceSpec,
  parsePaceSpec,
  parsePercentInput,
  sameRatesSettings,
  type PaceThreshold,
  type RatesSettings,
} from "../../core/rates/settings";
import { getPort, usePane } from "../state";
import { saveRatesSettingsAction } from "../actions";
import { ensureRatesWords } from "../rates-i18n";

ensureRatesWords();

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, paddingTop: tokens.spacingVerticalM },
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
  threshold: { display: "flex", alignItems: "flex-end", gap: tokens.spacingHorizontalS },
  month: { minWidth: "96px" },
  percent: { width: "88px" },
});

interface RatesDraft {
  thresholds: { month: number; day?: number; min: string }[];
  tolerance: string;
  reasonBelow: string;
}

function ratesDraftOf(s: RatesSettings): RatesDraft {
  return {
    thresholds: s.thresholds.map((t) => ({ month: t.month, ...(t.day ? { day: t.day } : {}), min: String(t.min) })),
    tolerance: String(s.tolerance),
    reasonBelow: String(s.reasonBelow),
  };
}

/** The settings a draft stands for, or why not: a field's percentage, or the thresholds' order. */
export function ratesFromDraft(d: RatesDraft): { settings: RatesSettings | null; badMins: boolean[]; order: boolean } {
  const mins = d.thresholds.map((t) => parsePercentInput(t.min));
  const tolerance = parsePercentInput(d.tolerance);
  const reasonBelow = parsePercentInput(d.reasonBelow);
  const badMins = mins.map((m) => m === null);
  if (badMins.some(Boolean) || tolerance === null || reasonBelow === null)
    return { settings: null, badMins, order: false };
  const thresholds: PaceThreshold[] = d.thresholds.map((t, i) => ({
    month: t.month,
    ...(t.day ? { day: t.day } : {}),
    min: mins[i]!,
  }));
  const parsed = parsePaceSpec(formatPaceSpec(thresholds));
  if ("error" in parsed) return { settings: null, badMins, order: true };
  return { settings: { thresholds: parsed.thresholds, tolerance, reasonBelow }, badMins, order: false };
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export function RatesSettingsForm({ saved }: { saved: RatesSettings }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { busy, ratesSettingsStored } = usePane();
  const [draft, setDraft] = useState<RatesDraft>(() => ratesDraftOf(saved));
  const { settings: next, badMins, order } = ratesFromDraft(draft);
  const changed = next !== null && !sameRatesSettings(next, saved);
  const hasWorkbook = getPort() !== null;
  const setRow = (i: number, row: RatesDraft["thresholds"][number]): void =>
    setDraft({ ...draft, thresholds: draft.thresholds.map((r, j) => (j === i ? row : r)) });
  const used = new Set(draft.thresholds.map((r) => r.month));
  const free = MONTHS.find((m) => !used.has(m));
  return (
    <form
      className={styles.root}
      aria-label={t("rates.settingsTitle")}
      data-testid="rates-settings"
      onSubmit={(e) => {
        e.preventDefault();
        if (next) void saveRatesSettingsAction(next);
      }}
    >
      <Text as="h2" size={400} weight="semibold">
        {t("rates.settingsTitle")}
      </Text>
      <Caption1>{t("rates.settingsIntro")}</Caption1>
      {hasWorkbook && <Caption1>{ratesSettingsStored ? t("rates.stored") : t("rates.defaults")}</Caption1>}
      <Field
        label={t("rates.thresholds")}
        hint={t("rates.thresholdsHint")}
        validationState={order ? "error" : "none"}
        validationMessage={order ? t("rates.thresholdsInvalid") : undefined}
      >
        <div className={styles.list}>
          {draft.thresholds.map((row, i) => (
            <div key={i} className={styles.threshold}>
              <Field label={t("rates.month")}>
                <Select
                  className={styles.month}
                  value={String(row.month)}
                  onChange={(_e, d) => setRow(i, { month: Number(d.value), min: row.min })}
                >
                  {MONTHS.map((m) => (
                    <option key={m} value={m}>
                      {row.day && m === row.month ? `${m}/${row.day}` : t("rates.monthEnd", { month: m })}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field
                label={t("rates.min")}
                validationState={badMins[i] ? "error" : "none"}
                validationMessage={badMins[i] ? t("rates.percentInvalid") : undefined}
              >
                <Input
                  className={styles.percent}
                  inputMode="decimal"
                  value={row.min}
                  onChange={(_e, d) => setRow(i, { ...row, min: d.value })}
                />
              </Field>
              <Button
                appearance="subtle"
                onClick={() => setDraft({ ...draft, thresholds: draft.thresholds.filter((_, j) => j !== i) })}
                aria-label={t("rates.removeThreshold", { month: row.month })}
              >
                ×
              </Button>
            </div>
          ))}
          {free !== undefined && (
            <div>
              <Button
                size="small"
                onClick={() =>
                  setDraft({
                    ...draft,
                    thresholds: [...draft.thresholds, { month: free, min: "" }].sort((a, b) => a.month - b.month),
                  })
                }
              >
                {t("rates.addThreshold")}
              </Button>
            </div>
          )}
        </div>
      </Field>
      <Field
        label={t("rates.tolerance")}
        hint={t("rates.toleranceHint")}
        validationState={parsePercentInput(draft.tolerance) === null ? "error" : "none"}
        validationMessage={parsePercentInput(draft.tolerance) === null ? t("rates.percentInvalid") : undefined}
      >
        <Input
          inputMode="decimal"
          value={draft.tolerance}
          onChange={(_e, d) => setDraft({ ...draft, tolerance: d.value })}
        />
      </Field>
      <Field
        label={t("rates.reasonBelow")}
        validationState={parsePercentInput(draft.reasonBelow) === null ? "error" : "none"}
        validationMessage={parsePercentInput(draft.reasonBelow) === null ? t("rates.percentInvalid") : undefined}
      >
        <Input
          inputMode="decimal"
          value={draft.reasonBelow}
          onChange={(_e, d) => setDraft({ ...draft, reasonBelow: d.value })}
        />
      </Field>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          type="submit"
          disabled={!hasWorkbook || busy !== null || next === null || (!changed && ratesSettingsStored)}
        >
          {t("rates.save")}
        </Button>
      </div>
    </form>
  );
}
