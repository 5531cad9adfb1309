import { Suspense, lazy } from "react";
import {
  Button,
  Caption1,
  Link,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { getPort, usePane } from "../state";
import {
  downloadAction,
  generateAction,
  openFileAction,
  ratesAction,
  recognizeAction,
  summaryAction,
} from "../actions";
import { TableList } from "./TableList";
import { FilePickerButton } from "./FilePickerButton";
import { SinceLastCheckBar } from "./SinceLastCheck";
// Loaded only when generating found sheets to confirm: Dialog and Checkbox stay out of the first load.
const ReplaceDialog = lazy(() =>
  import(/* webpackChunkName: "replace-dialog" */ "./ReplaceDialog").then((m) => ({ default: m.ReplaceDialog })),
);

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, paddingTop: tokens.spacingVerticalM },
  toolbar: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  diagnostics: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const XLSX_TYPES = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function BrowserToolbar() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { file, busy, download } = usePane();
  return (
    <div className={styles.section}>
      <div className={styles.toolbar}>
        <FilePickerButton
          appearance="primary"
          disabled={busy !== null}
          label={t("actions.open")}
          accept={XLSX_TYPES}
          testId="file-input"
          onFile={(f) => void openFileAction(f)}
        />
        <Button onClick={() => void downloadAction()} disabled={!file || busy !== null}>
          {t("actions.download")}
        </Button>
      </div>
      <Caption1>{file ? t("result.file", { name: file.name }) : t("actions.openHint")}</Caption1>
      {download && (
        <Link href={download.url} download={download.name} data-testid="download-link">
          {t("actions.downloadAgain", { name: download.name })}
        </Link>
      )}
    </div>
  );
}

/** 生成目标表, 生成汇总表, 填充执行率: the ribbon's other commands, also here (the page has no ribbon). */
function MoreCommands({ disabled }: { disabled: boolean }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <div className={styles.toolbar} role="group" aria-label={t("more.title")}>
      <Button size="small" onClick={() => void generateAction("pane")} disabled={disabled}>
        {t("more.generate")}
      </Button>
      <Button size="small" onClick={() => void summaryAction()} disabled={disabled}>
        {t("more.summary")}
      </Button>
      <Button size="small" onClick={() => void ratesAction()} disabled={disabled}>
        {t("more.rates")}
      </Button>
    </div>
  );
}

export function TablesView() {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const { detection, result, resultSource, busy, api, notices, file, replaceOffer } = usePane();
  const english = i18n.language === "en";
  const inExcel = detection?.mode === "excel";
  return (
    <div className={styles.root}>
      {inExcel ? (
        <div className={styles.toolbar}>
          <Button
            appearance="primary"
            onClick={() => void recognizeAction("pane")}
            disabled={busy !== null || api?.minimum === false}
          >
            {t("actions.recognize")}
          </Button>
        </div>
      ) : (
        <BrowserToolbar />
      )}
      {(inExcel || file) && result && (
        <MoreCommands disabled={busy !== null || api?.minimum === false || getPort() === null} />
      )}
      <SinceLastCheckBar />
      {replaceOffer && replaceOffer.length > 0 && (
        <Suspense fallback={null}>
          <ReplaceDialog />
        </Suspense>
      )}
      {result && (
        <section className={styles.section} aria-labelledby="result-heading">
          <Text as="h2" size={400} weight="semibold" id="result-heading" className={styles.heading}>
            {t("result.count", { count: result.tables.length })}
          </Text>
          {resultSource === "ribbon" && <Caption1>{t("result.fromRibbon")}</Caption1>}
          {result.departmentTargets && (
            <Caption1>{t("result.department", { count: result.departmentTargets.items.length })}</Caption1>
          )}
          {result.tables.length === 0 ? (
            <MessageBar intent="warning">
              <MessageBarBody>{t("result.none")}</MessageBarBody>
            </MessageBar>
          ) : (
            <TableList tables={result.tables} />
          )}
        </section>
      )}
      {notices.map((n, i) => (
        <MessageBar key={i} intent="warning">
          <MessageBarBody>{english ? n.messageEn : n.message}</MessageBarBody>
        </MessageBar>
      ))}
      {result && result.diagnostics.length > 0 && (
        <section className={styles.section} aria-labelledby="diagnostics-heading">
          <Text as="h2" size={400} weight="semibold" id="diagnostics-heading" className={styles.heading}>
            {t("diagnostics.title", { count: result.diagnostics.length })}
          </Text>
          <ul className={styles.diagnostics}>
            {result.diagnostics.map((d, i) => (
              <li key={i}>
                <Text size={200}>
                  <Text weight="semibold" size={200}>{`${d.sheet}!${d.cell}`}</Text>{" "}
                  {english ? (d.messageEn ?? d.message) : d.message}
                </Text>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
