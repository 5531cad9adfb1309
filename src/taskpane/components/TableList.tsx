import {
  Badge,
  Button,
  Caption1,
  Card,
  CardHeader,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
  useArrowNavigationGroup,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { TargetTable } from "../../core/model";
import { budgetSplit } from "../../core/budget";
import { usePane } from "../state";
import { selectTableAction } from "../actions";

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, margin: 0, padding: 0 },
  item: { listStyleType: "none" },
  card: { cursor: "pointer" },
  budget: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
  },
  details: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  dl: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  dd: { margin: 0, overflowWrap: "anywhere" },
  goals: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

function amount(a: string | null): string {
  return a === null ? "—" : a;
}

function Details({ table }: { table: TargetTable }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t("table.location"), `${table.sheet}!${table.range}`],
    [t("table.layout"), t(`table.layouts.${table.layout}`)],
    [t("table.unit"), table.unit],
  ];
  if (table.year !== null) rows.push([t("table.year"), String(table.year)]);
  if (table.department) rows.push([t("table.department"), table.department]);
  return (
    <div className={styles.details} data-testid="table-details">
      <dl className={styles.dl}>
        {rows.map(([k, v]) => (
          <div key={k} style={{ display: "contents" }}>
            <dt>
              <Caption1>{k}</Caption1>
            </dt>
            <dd className={styles.dd}>
              <Caption1>{v}</Caption1>
            </dd>
          </div>
        ))}
      </dl>
      {table.goals.length > 0 && (
        <>
          <Text size={200} weight="semibold">
            {t("table.goals")}
          </Text>
          <ul className={styles.goals}>
            {table.goals.map((g, i) => (
              <li key={i}>
                <Caption1>{g}</Caption1>
              </li>
            ))}
          </ul>
        </>
      )}
      <Table size="extra-small" aria-label={t("table.indicatorList")}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("table.indicatorList")}</TableHeaderCell>
            <TableHeaderCell>{t("table.location")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {table.indicators.map((ind, i) => (
            <TableRow key={i}>
              <TableCell>{`${ind.level3 || "—"}：${ind.value || "—"}`}</TableCell>
              <TableCell>{ind.cell}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function TableCard({ table, index, selected }: { table: TargetTable; index: number; selected: boolean }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { detection } = usePane();
  const inExcel = detection?.mode === "excel";
  const split = budgetSplit(table.budget);
  const name = table.name || t("table.noName");
  const unit = table.unit;
  const descId = `table-${index}-desc`;
  const select = () => void selectTableAction(index);
  return (
    <Card
      className={styles.card}
      appearance={selected ? "filled-alternative" : "outline"}
      focusMode="off"
      onClick={select}
      data-testid="table-card"
    >
      <CardHeader
        header={
          <Text weight="semibold" data-testid="table-name">
            {name}
          </Text>
        }
        description={<Caption1>{table.code ? `${t("table.code")} ${table.code}` : t("table.noCode")}</Caption1>}
        action={
          <Button
            size="small"
            aria-describedby={descId}
            aria-label={inExcel ? t("actions.selectLabel", { name }) : undefined}
            aria-expanded={inExcel ? undefined : selected}
            aria-current={selected ? "true" : undefined}
            onClick={(e) => {
              e.stopPropagation();
              select();
            }}
          >
            {inExcel ? t("actions.select") : selected ? t("actions.hideDetails") : t("actions.details")}
          </Button>
        }
      />
      <div className={styles.budget} id={descId}>
        <Caption1>{`${t("table.budget")} ${amount(table.budget.total)} ${unit}`}</Caption1>
        <Caption1>{`${t("table.fiscal")} ${split.fiscal}`}</Caption1>
        <Caption1>{`${t("table.other")} ${split.other}`}</Caption1>
        <Badge appearance="tint" color="brand" size="small">
          {t("table.indicators", { count: table.indicators.length })}
        </Badge>
      </div>
      {selected && <Details table={table} />}
    </Card>
  );
}

/** The recognised tables; a click (or the button, by keyboard) selects the table. */
export function TableList({ tables }: { tables: TargetTable[] }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { selected } = usePane();
  const arrows = useArrowNavigationGroup({ axis: "vertical", memorizeCurrent: true });
  return (
    <ul className={styles.list} aria-label={t("result.listLabel")} {...arrows}>
      {tables.map((table, i) => (
        <li className={styles.item} key={`${table.sheet}!${table.range}`}>
          <TableCard table={table} index={i} selected={selected === i} />
        </li>
      ))}
    </ul>
  );
}
