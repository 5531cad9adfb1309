import { useMemo, useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  Card,
  Checkbox,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
  type BadgeProps,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { Finding, Severity } from "../../core/rules/types";
import {
  SEVERITIES,
  countsOf,
  fixPreview,
  fixableIds,
  groupFindings,
  localTime,
  verdictOf,
  type CheckView,
  type FindingGroup,
  type FixPreviewLine,
  type Verdict,
} from "../check-view";
import { getPort, usePane } from "../state";
import {
  applyFixesAction,
  checkAction,
  clearMarksAction,
  downloadAction,
  selectFindingAction,
  toggleSeverityFilter,
} from "../actions";
import { FixDialog } from "./FixDialog";
import { SinceLastCheckBar } from "./SinceLastCheck";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, paddingTop: tokens.spacingVerticalM },
  toolbar: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  summary: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  heading: { margin: 0 },
  verdictLine: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  filters: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalM },
  filterCount: { marginLeft: tokens.spacingHorizontalXS },
  groupHeader: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  groupName: { overflowWrap: "anywhere" },
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  card: { cursor: "pointer" },
  findingTop: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  rule: { color: tokens.colorNeutralForeground3 },
  spacer: { flexGrow: 1 },
  message: { overflowWrap: "anywhere" },
  details: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
});

export const SEVERITY_COLOR: Record<Severity, BadgeProps["color"]> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};

const VERDICT_KEY: Record<Verdict, "passed" | "errors" | "warnings"> = {
  通过: "passed",
  有错误: "errors",
  有警告: "warnings",
};

const VERDICT_COLOR: Record<Verdict, BadgeProps["color"]> = { 通过: "success", 有错误: "danger", 有警告: "warning" };

function VerdictSummary({ view }: { view: CheckView }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const verdict = verdictOf(view.findings);
  const c = countsOf(view.findings);
  const label = t(`check.verdict.${VERDICT_KEY[verdict]}`);
  return (
    <section className={styles.summary} aria-labelledby="verdict-heading">
      <div className={styles.verdictLine}>
        <Badge
          appearance="filled"
          color={VERDICT_COLOR[verdict]}
          size="extra-large"
          data-testid="verdict"
          aria-label={t("check.verdictLabel", { verdict: label })}
        >
          {label}
        </Badge>
        <Text as="h2" size={400} weight="semibold" id="verdict-heading" className={styles.heading}>
          {t("check.summary", { tables: view.tables.length, errors: c.error, warnings: c.warning, infos: c.info })}
        </Text>
      </div>
      <Caption1>
        {t("check.meta", {
          time: localTime(view.checkedAt),
          profile: t(`settings.profiles.${view.profileChoice}`),
        })}
      </Caption1>
    </section>
  );
}

function SeverityFilters({ view }: { view: CheckView }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { severityFilter } = usePane();
  const c = countsOf(view.findings);
  return (
    <div role="group" className={styles.filters} aria-label={t("check.filterLabel")}>
      {SEVERITIES.map((sev) => (
        <Checkbox
          key={sev}
          checked={severityFilter[sev]}
          onChange={() => toggleSeverityFilter(sev)}
          data-testid={`filter-${sev}`}
          label={
            <>
              {t(`check.severity.${sev}`)}
              <Badge
                className={styles.filterCount}
                appearance={c[sev] > 0 ? "filled" : "tint"}
                color={SEVERITY_COLOR[sev]}
                size="small"
              >
                {c[sev]}
              </Badge>
            </>
          }
        />
      ))}
    </div>
  );
}

function FindingCard({
  id,
  finding,
  selected,
  inExcel,
  onFix,
}: {
  id: number;
  finding: Finding;
  selected: boolean;
  inExcel: boolean;
  onFix: (ids: number[]) => void;
}) {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const english = i18n.language === "en";
  const address = `${finding.sheet}!${finding.cell}`;
  const message = english ? finding.messageEn : finding.message;
  const select = () => void selectFindingAction(id);
  const others = finding.cells
    .map((c) => (c.sheet === finding.sheet ? c.cell : `${c.sheet}!${c.cell}`))
    .filter((c) => c !== finding.cell);
  return (
    <Card
      size="small"
      className={styles.card}
      appearance={selected ? "filled-alternative" : "outline"}
      focusMode="off"
      onClick={select}
      data-testid="finding"
      data-rule={finding.rule}
      data-severity={finding.severity}
    >
      <div className={styles.findingTop}>
        <Badge appearance="tint" color={SEVERITY_COLOR[finding.severity]} size="medium">
          {t(`check.severity.${finding.severity}`)}
        </Badge>
        <Link
          as="button"
          onClick={(e) => {
            e.stopPropagation();
            select();
          }}
          aria-label={inExcel ? t("check.selectCell", { cell: address }) : t("check.showCell", { cell: address })}
          aria-expanded={inExcel ? undefined : selected}
          data-testid="finding-cell"
        >
          {address}
        </Link>
        <span className={styles.spacer} />
        {finding.fix && finding.fix.edits.length > 0 && (
          <Button
            size="small"
            appearance="secondary"
            aria-label={t("check.fixLabel", { message })}
            onClick={(e) => {
              e.stopPropagation();
              onFix([id]);
            }}
          >
            {t("check.fix")}
          </Button>
        )}
      </div>
      <Text size={300} className={styles.message}>
        {message}
      </Text>
      {selected && (
        <div className={styles.details} data-testid="finding-details">
          <Caption1>{t("check.location", { cells: [address, ...others].join("、") })}</Caption1>
          <Caption1 className={styles.rule}>{t("check.rule", { rule: finding.rule })}</Caption1>
          {finding.fix && (
            <Caption1>
              {t("check.fixHint", { description: english ? finding.fix.descriptionEn : finding.fix.description })}
            </Caption1>
          )}
        </div>
      )}
    </Card>
  );
}

function FindingGroups({
  groups,
  inExcel,
  selectedFinding,
  onFix,
}: {
  groups: FindingGroup[];
  inExcel: boolean;
  selectedFinding: number | null;
  onFix: (ids: number[]) => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  // Every table open unless the user closed it.
  const [closed, setClosed] = useState<ReadonlySet<number>>(new Set());
  const open = groups.map((g) => g.tableIndex).filter((i) => !closed.has(i));
  return (
    <Accordion
      multiple
      collapsible
      openItems={open}
      onToggle={(_e, d) => {
        const value = Number(d.value);
        setClosed((prev) => {
          const next = new Set(prev);
          if (next.has(value)) next.delete(value);
          else next.add(value);
          return next;
        });
      }}
      data-testid="finding-groups"
    >
      {groups.map((g) => {
        const name = g.table.name || g.table.key;
        return (
          <AccordionItem key={`${g.tableIndex}:${g.table.key}`} value={g.tableIndex} data-testid="finding-group">
            <AccordionHeader size="medium" aria-label={t("check.groupLabel", { name, count: g.items.length })}>
              <span className={styles.groupHeader}>
                <Text weight="semibold" className={styles.groupName} data-testid="finding-group-name">
                  {name}
                </Text>
                {SEVERITIES.filter((s) => g.counts[s] > 0).map((s) => (
                  <Badge key={s} appearance="tint" color={SEVERITY_COLOR[s]} size="small">
                    {`${t(`check.severity.${s}`)} ${g.counts[s]}`}
                  </Badge>
                ))}
              </span>
            </AccordionHeader>
            <AccordionPanel>
              <ul className={styles.list} aria-label={t("check.findingsLabel", { name })}>
                {g.items.map(({ id, finding }) => (
                  <li key={id}>
                    <FindingCard
                      id={id}
                      finding={finding}
                      selected={selectedFinding === id}
                      inExcel={inExcel}
                      onFix={onFix}
                    />
                  </li>
                ))}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        );
      })}
    </Accordion>
  );
}

/**
 * The 校验 tab: run, clear, the verdict, severity filters, findings by table, fixes. Loaded on
 * demand (App.tsx), so its Fluent parts (accordion, dialog, toolbar) are not in the initial bundle.
 */
export function CheckPanel() {
  const styles = useStyles();
  const { t } = useTranslation();
  const pane = usePane();
  const { check, busy, api, detection, severityFilter, selectedFinding, file, liveCheck } = pane;
  const inExcel = detection?.mode === "excel";
  const hasWorkbook = getPort() !== null && (inExcel || file !== null);
  const disabled = busy !== null || !hasWorkbook || api?.minimum === false;
  // The findings are taken when the dialog opens: a re-check meanwhile renumbers the list.
  const [preview, setPreview] = useState<{ findings: Finding[]; lines: FixPreviewLine[]; all: boolean } | null>(null);
  const openPreview = (ids: number[], all: boolean): void => {
    if (!check) return;
    setPreview({ findings: ids.map((id) => check.findings[id]), lines: fixPreview(check, ids), all });
  };
  const groups = useMemo(() => (check ? groupFindings(check, severityFilter) : []), [check, severityFilter]);
  const fixable = useMemo(() => (check ? fixableIds(check, severityFilter) : []), [check, severityFilter]);
  const withFindings = check ? new Set(check.findings.map((f) => f.tableIndex)).size : 0;
  const rechecked = check?.rechecked.map((k) => check.tables.find((x) => x.key === k)?.name || k) ?? [];
  return (
    <div className={styles.root}>
      <div className={styles.toolbar}>
        <Button appearance="primary" onClick={() => void checkAction("pane")} disabled={disabled}>
          {t("check.run")}
        </Button>
        <Button onClick={() => void clearMarksAction("pane")} disabled={disabled}>
          {t("check.clear")}
        </Button>
        {fixable.length > 0 && (
          <Button onClick={() => openPreview(fixable, true)} disabled={busy !== null}>
            {t("check.fixAll", { count: fixable.length })}
          </Button>
        )}
      </div>
      {!check && <Caption1>{hasWorkbook ? t("check.intro") : t("settings.needWorkbook")}</Caption1>}
      <SinceLastCheckBar />
      {check && !inExcel && file && (
        <MessageBar intent={pane.unsaved ? "warning" : "success"} layout="multiline" data-testid="copy-state">
          <MessageBarBody>
            {pane.unsaved ? t("check.unsaved") : t("check.saved", { name: pane.download?.name ?? file.name })}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              appearance={pane.unsaved ? "primary" : "secondary"}
              size="small"
              onClick={() => void downloadAction()}
              disabled={busy !== null}
              data-testid="download-marked"
            >
              {t("check.download")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {check && (
        <>
          <VerdictSummary view={check} />
          {!check.marked && (
            <MessageBar intent="info">
              <MessageBarBody>{t("check.notMarked")}</MessageBarBody>
            </MessageBar>
          )}
          {rechecked.length > 0 && (
            <MessageBar intent="warning" data-testid="rechecked">
              <MessageBarBody>{t("check.rechecked", { names: rechecked.join("、") })}</MessageBarBody>
            </MessageBar>
          )}
          {inExcel && liveCheck !== "off" && (
            <Caption1 role="status" aria-live="polite">
              {liveCheck === "running" ? (
                <Spinner size="extra-tiny" labelPosition="after" label={t("check.liveRunning")} />
              ) : (
                t("check.live")
              )}
            </Caption1>
          )}
          <SeverityFilters view={check} />
          {check.findings.length === 0 ? (
            <MessageBar intent="success">
              <MessageBarBody>{t("check.noFindings")}</MessageBarBody>
            </MessageBar>
          ) : groups.length === 0 ? (
            <Caption1>{t("check.allFiltered")}</Caption1>
          ) : (
            <FindingGroups
              groups={groups}
              inExcel={inExcel}
              selectedFinding={selectedFinding}
              onFix={(ids) => openPreview(ids, false)}
            />
          )}
          {check.tables.length > withFindings && check.findings.length > 0 && (
            <Caption1>{t("check.clean", { count: check.tables.length - withFindings })}</Caption1>
          )}
        </>
      )}
      {preview && preview.lines.length > 0 && (
        <FixDialog
          lines={preview.lines}
          all={preview.all}
          onClose={() => setPreview(null)}
          onApply={() => {
            const findings = preview.findings;
            setPreview(null);
            void applyFixesAction(findings);
          }}
        />
      )}
    </div>
  );
}
