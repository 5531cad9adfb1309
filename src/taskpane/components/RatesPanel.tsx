/**
 * The 执行率 tab: the as-of date, 填充执行率 (the ribbon's action), creating the payment ledger and
 * importing a treasury export, then per table a chart of plan against actual, and the ledger rows
 * that could not be counted (a click selects the row in Excel). A chunk of its own (`rates-pane`).
 */
import {
  Button,
  Caption1,
  Field,
  Input,
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
  createLedgerAction,
  downloadAction,
  importPaymentsAction,
  ratesAction,
  selectLedgerRowAction,
  setRatesAsOf,
} from "../actions";
import type { RejectedView, TableRatesView } from "../rates-view";
import { PlanActualChart, fmtPercent } from "./PlanActualChart";
import { FilePickerButton } from "./FilePickerButton";
import { ensureRatesWords } from "../rates-i18n";

ensureRatesWords();

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, paddingTop: tokens.spacingVerticalM },
  toolbar: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  table: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const PAYMENT_TYPES = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function TableRates({ table }: { table: TableRatesView }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const name = table.name || t("table.noName");
  const amount = (v: number | null): string => (v === null ? "—" : String(v));
  return (
    <section className={styles.table} aria-label={name} data-testid="rates-table">
      <Text weight="semibold">{name}</Text>
      {table.code && <Caption1>{table.code}</Caption1>}
      <Caption1>
        {table.budget === null
          ? t("rates.noBudget")
          : t("rates.tableSummary", {
              budget: amount(table.budget),
              unit: table.unit,
              paid: amount(table.paid),
              rate: fmtPercent(table.rate),
              pace: fmtPercent(table.pace),
            })}
      </Caption1>
      {table.reasonRequired && (
        <MessageBar intent="warning">
          <MessageBarBody>{t("rates.reasonRequired")}</MessageBarBody>
        </MessageBar>
      )}
      {table.checkpoints.length > 0 && <PlanActualChart table={table} />}
    </section>
  );
}

function RejectedList({ rows, selectable }: { rows: RejectedView[]; selectable: boolean }) {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const english = i18n.language === "en";
  return (
    <ul className={styles.list}>
      {rows.map((r, i) => {
        const ref = t("rates.rowRef", { sheet: r.sheet, row: r.row });
        return (
          <li key={i} data-testid="rates-rejected">
            <Text size={200}>
              {selectable ? (
                <Link
                  as="button"
                  onClick={() => void selectLedgerRowAction(r.sheet, r.row)}
                  aria-label={t("rates.selectRow", { sheet: r.sheet, row: r.row })}
                >
                  {ref}
                </Link>
              ) : (
                <Text weight="semibold" size={200}>
                  {ref}
                </Text>
              )}{" "}
              {english ? r.reasonEn : r.reason}
            </Text>
          </li>
        );
      })}
    </ul>
  );
}

export function RatesPanel() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { busy, detection, api, rates, ratesAsOf, ratesImport, file, unsaved } = usePane();
  const inExcel = detection?.mode === "excel";
  const disabled = busy !== null || api?.minimum === false || getPort() === null;
  return (
    <div className={styles.root}>
      <Caption1>{t("rates.intro")}</Caption1>
      <Field label={t("rates.asOf")} hint={t("rates.asOfHint")}>
        <Input type="date" value={ratesAsOf} onChange={(_e, d) => setRatesAsOf(d.value)} data-testid="rates-as-of" />
      </Field>
      <div className={styles.toolbar}>
        <Button appearance="primary" onClick={() => void ratesAction()} disabled={disabled}>
          {t("rates.fill")}
        </Button>
      </div>
      <section className={styles.section} aria-labelledby="ledger-heading">
        <Text as="h2" size={400} weight="semibold" id="ledger-heading" className={styles.heading}>
          {t("rates.ledgerTitle")}
        </Text>
        <div className={styles.toolbar}>
          <Button size="small" onClick={() => void createLedgerAction()} disabled={disabled}>
            {t("rates.createLedger")}
          </Button>
          <FilePickerButton
            size="small"
            disabled={disabled}
            label={t("rates.importPayments")}
            accept={PAYMENT_TYPES}
            testId="payments-input"
            onFile={(f) => void importPaymentsAction(f)}
          />
          {!inExcel && file && unsaved && (
            <Button size="small" onClick={() => void downloadAction()} disabled={busy !== null}>
              {t("actions.download")}
            </Button>
          )}
        </div>
        <Caption1>{t("rates.importHint")}</Caption1>
        {ratesImport && (
          <>
            <Caption1 data-testid="rates-import-result">
              {t("rates.importResult", {
                file: ratesImport.file,
                imported: ratesImport.imported,
                rejected: ratesImport.rejected.length,
              })}
            </Caption1>
            {ratesImport.rejected.length > 0 && (
              <>
                <Text weight="semibold" size={200}>
                  {t("rates.importRejectedTitle", { count: ratesImport.rejected.length })}
                </Text>
                <RejectedList rows={ratesImport.rejected} selectable={false} />
              </>
            )}
          </>
        )}
      </section>
      {!rates ? (
        <Caption1>{t("rates.notYet")}</Caption1>
      ) : (
        <>
          <Text data-testid="rates-as-of-shown">
            {t("rates.asOfShown", { date: rates.asOf })} {t(`rates.asOfSource.${rates.asOfSource}`)}
          </Text>
          {rates.rejected.length > 0 && (
            <section className={styles.section} aria-labelledby="rejected-heading">
              <Text as="h2" size={400} weight="semibold" id="rejected-heading" className={styles.heading}>
                {t("rates.rejectedTitle", { count: rates.rejected.length })}
              </Text>
              <Caption1>{t("rates.rejectedIntro")}</Caption1>
              <RejectedList rows={rates.rejected} selectable={inExcel} />
            </section>
          )}
          <section className={styles.section} aria-labelledby="rates-tables-heading">
            <Text as="h2" size={400} weight="semibold" id="rates-tables-heading" className={styles.heading}>
              {t("rates.tablesTitle", { count: rates.tables.length })}
            </Text>
            {rates.tables.map((tr, i) => (
              <TableRates key={`${tr.sheet}|${tr.code ?? ""}|${i}`} table={tr} />
            ))}
          </section>
        </>
      )}
    </div>
  );
}
