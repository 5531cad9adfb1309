import { Suspense, lazy, useState } from "react";
import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import {
  MAX_YEAR,
  MIN_YEAR,
  PROFILES,
  UNITS,
  isProfile,
  isUnit,
  parseYear,
  sameSettings,
  type Settings,
} from "../../core/settings";
import { getPort, usePane } from "../state";
import { saveSettingsAction } from "../actions";

/** The rates thresholds (执行率), loaded with the 执行率 tab's chunk: not needed for the first view. */
const RatesSettingsForm = lazy(() =>
  import(/* webpackChunkName: "rates-pane" */ "./RatesSettingsForm").then((m) => ({ default: m.RatesSettingsForm })),
);

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, paddingTop: tokens.spacingVerticalM },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

interface Draft {
  profile: Settings["profile"];
  year: string;
  unit: Settings["unit"];
}

function draftOf(s: Settings): Draft {
  return { profile: s.profile, year: s.budgetYear === null ? "" : String(s.budgetYear), unit: s.unit };
}

function SettingsForm({ saved }: { saved: Settings }) {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const { busy, settingsStored, settingsNotes } = usePane();
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const year = parseYear(draft.year);
  const valid = year !== undefined;
  const next: Settings | null = valid ? { profile: draft.profile, budgetYear: year, unit: draft.unit } : null;
  const changed = next !== null && !sameSettings(next, saved);
  const hasWorkbook = getPort() !== null;
  const english = i18n.language === "en";
  return (
    <form
      className={styles.root}
      aria-label={t("tabs.settings")}
      onSubmit={(e) => {
        e.preventDefault();
        if (next) void saveSettingsAction(next);
      }}
    >
      <Caption1>{t("settings.intro")}</Caption1>
      {hasWorkbook && <Caption1>{settingsStored ? t("settings.stored") : t("settings.defaults")}</Caption1>}
      {settingsNotes.map((n, i) => (
        <MessageBar key={i} intent="warning">
          <MessageBarBody>{english ? n.messageEn : n.message}</MessageBarBody>
        </MessageBar>
      ))}
      <Field label={t("settings.profile")}>
        <Select
          value={draft.profile}
          onChange={(_e, d) => {
            if (isProfile(d.value)) setDraft({ ...draft, profile: d.value });
          }}
        >
          {PROFILES.map((p) => (
            <option key={p} value={p}>
              {t(`settings.profiles.${p}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={t("settings.budgetYear")}
        hint={t("settings.budgetYearHint")}
        validationState={valid ? "none" : "error"}
        validationMessage={valid ? undefined : t("settings.budgetYearInvalid", { min: MIN_YEAR, max: MAX_YEAR })}
      >
        <Input
          inputMode="numeric"
          value={draft.year}
          maxLength={4}
          onChange={(_e, d) => setDraft({ ...draft, year: d.value })}
        />
      </Field>
      <Field label={t("settings.unit")}>
        <Select
          value={draft.unit}
          onChange={(_e, d) => {
            if (isUnit(d.value)) setDraft({ ...draft, unit: d.value });
          }}
        >
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`settings.units.${u}`)}
            </option>
          ))}
        </Select>
      </Field>
      {!hasWorkbook && <Caption1>{t("settings.needWorkbook")}</Caption1>}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          type="submit"
          disabled={!hasWorkbook || busy !== null || !valid || (!changed && settingsStored)}
        >
          {t("settings.save")}
        </Button>
      </div>
    </form>
  );
}

export function SettingsPanel() {
  const { settings, ratesSettings } = usePane();
  // A new workbook (or a ribbon read) brings new saved settings: start the form again from them.
  const key = `${settings.profile}|${settings.budgetYear}|${settings.unit}`;
  return (
    <>
      <SettingsForm key={key} saved={settings} />
      <Suspense fallback={<Spinner size="tiny" />}>
        <RatesSettingsForm key={JSON.stringify(ratesSettings)} saved={ratesSettings} />
      </Suspense>
    </>
  );
}
