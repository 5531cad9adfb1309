/**
 * Plan against actual for one table: at each checkpoint a bar of the plan's cumulative percentage
 * and a bar of the actual execution rate, with 序时进度 as a line with markers; a checkpoint after the
 * as-of date has no actual bar, only a dashed outline marked 未到. Plain SVG (no chart library) with
 * Fluent tokens for its colours; the figures are in each mark's tooltip and in a compact table below.
 */
import { useId } from "react";
import {
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { TableRatesView } from "../rates-view";
import { ensureRatesWords } from "../rates-i18n";

ensureRatesWords();

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  svg: { width: "100%", height: "auto", maxWidth: "480px", overflow: "visible" },
  grid: { stroke: tokens.colorNeutralStroke2, strokeWidth: "1px" },
  axis: { stroke: tokens.colorNeutralStrokeAccessible, strokeWidth: "1px" },
  tick: { fill: tokens.colorNeutralForeground3, fontSize: "9px" },
  label: { fill: tokens.colorNeutralForeground2, fontSize: "10px" },
  plan: { fill: tokens.colorBrandBackground2, stroke: tokens.colorBrandStroke1, strokeWidth: "1px" },
  actual: { fill: tokens.colorBrandBackground },
  behind: { fill: tokens.colorPaletteRedBackground3 },
  notDue: {
    fill: "none",
    stroke: tokens.colorNeutralStroke1,
    strokeWidth: "1px",
    strokeDasharray: "3 2",
  },
  notDueText: { fill: tokens.colorNeutralForeground3, fontSize: "9px" },
  pace: { fill: "none", stroke: tokens.colorPaletteDarkOrangeBorderActive, strokeWidth: "2px" },
  paceDot: { fill: tokens.colorPaletteDarkOrangeBorderActive },
  legend: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "center" },
  legendItem: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  swatch: { width: "12px", height: "12px", flexShrink: 0 },
  behindText: { color: tokens.colorPaletteRedForeground1 },
  number: { textAlign: "right" },
});

const HEIGHT = 150;
const TOP = 8;
const BOTTOM = 22;
const LEFT = 30;
const GROUP = 56;
const BAR = 16;

export function fmtPercent(v: number | null): string {
  return v === null ? "—" : `${v.toFixed(2).replace(/\.?0+$/, "")}%`;
}

function fmtAmount(v: number | null): string {
  return v === null ? "—" : v.toLocaleString("zh-CN", { maximumFractionDigits: 6 });
}

/** The top of the scale: 100, or the largest figure rounded up to a multiple of 20. */
export function scaleTop(table: TableRatesView): number {
  let max = 100;
  for (const c of table.checkpoints) for (const v of [c.plan, c.rate, c.pace]) if (v !== null && v > max) max = v;
  return Math.ceil(max / 20) * 20;
}

export function PlanActualChart({ table }: { table: TableRatesView }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const id = useId();
  const cps = table.checkpoints;
  const width = LEFT + Math.max(1, cps.length) * GROUP + 8;
  const plotH = HEIGHT - TOP - BOTTOM;
  const top = scaleTop(table);
  const y = (v: number): number => TOP + plotH - (Math.max(0, Math.min(v, top)) / top) * plotH;
  const base = TOP + plotH;
  const name = table.name || table.code || "";
  const pacePoints = cps
    .map((c, i) => (c.pace === null ? null : { x: LEFT + i * GROUP + GROUP / 2, y: y(c.pace), c }))
    .filter((p): p is { x: number; y: number; c: (typeof cps)[number] } => p !== null);
  const ticks = [0, top / 2, top];
  return (
    <div className={styles.root}>
      <svg
        className={styles.svg}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        data-testid="plan-actual-chart"
      >
        <title id={`${id}-title`}>{t("rates.chartTitle", { name })}</title>
        <desc id={`${id}-desc`}>{t("rates.chartDesc")}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line className={styles.grid} x1={LEFT} x2={width - 4} y1={y(v)} y2={y(v)} />
            <text className={styles.tick} x={LEFT - 4} y={y(v) + 3} textAnchor="end">
              {`${v}%`}
            </text>
          </g>
        ))}
        {cps.map((c, i) => {
          const x0 = LEFT + i * GROUP + (GROUP - 2 * BAR - 4) / 2;
          const behind = c.behindPlan || c.behindPace;
          return (
            <g key={i} data-checkpoint={c.label}>
              {c.plan !== null && (
                <rect
                  className={styles.plan}
                  data-kind="plan"
                  x={x0}
                  y={y(c.plan)}
                  width={BAR}
                  height={base - y(c.plan)}
                >
                  <title>{t("rates.barPlan", { label: c.label, value: fmtPercent(c.plan) })}</title>
                </rect>
              )}
              {c.due && c.rate !== null ? (
                <rect
                  className={mergeClasses(styles.actual, behind && styles.behind)}
                  data-kind="actual"
                  x={x0 + BAR + 4}
                  y={y(c.rate)}
                  width={BAR}
                  height={Math.max(base - y(c.rate), c.rate > 0 ? 1 : 0)}
                >
                  <title>
                    {t("rates.barActual", { label: c.label, value: fmtPercent(c.rate) }) +
                      (c.behindPlan ? ` · ${t("rates.behindPlan")}` : "") +
                      (c.behindPace ? ` · ${t("rates.behindPace")}` : "")}
                  </title>
                </rect>
              ) : !c.due ? (
                <g data-kind="not-due">
                  <rect className={styles.notDue} x={x0 + BAR + 4} y={base - 12} width={BAR} height={12}>
                    <title>{t("rates.barNotDue", { label: c.label })}</title>
                  </rect>
                  <text className={styles.notDueText} x={x0 + BAR + 4 + BAR / 2} y={base - 15} textAnchor="middle">
                    {t("rates.notDue")}
                  </text>
                </g>
              ) : null}
              <text className={styles.label} x={LEFT + i * GROUP + GROUP / 2} y={HEIGHT - 8} textAnchor="middle">
                {c.label}
              </text>
            </g>
          );
        })}
        <line className={styles.axis} x1={LEFT} x2={width - 4} y1={base} y2={base} />
        {pacePoints.length > 1 && (
          <polyline className={styles.pace} points={pacePoints.map((p) => `${p.x},${p.y}`).join(" ")} />
        )}
        {pacePoints.map((p) => (
          <circle key={p.c.label} className={styles.paceDot} data-kind="pace" cx={p.x} cy={p.y} r={3}>
            <title>{`${p.c.label} ${t("rates.pace")} ${fmtPercent(p.c.pace)}`}</title>
          </circle>
        ))}
      </svg>
      <div className={styles.legend} aria-hidden="true">
        {(
          [
            ["plan", styles.plan],
            ["actual", styles.actual],
            ["pace", styles.paceDot],
          ] as const
        ).map(([key, cls]) => (
          <span key={key} className={styles.legendItem}>
            <svg className={styles.swatch} viewBox="0 0 12 12">
              <rect className={cls} x={1} y={1} width={10} height={10} />
            </svg>
            <Caption1>{t(`rates.${key}`)}</Caption1>
          </span>
        ))}
      </div>
      <Table size="extra-small" aria-label={t("rates.chartTitle", { name })}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("rates.checkpoint")}</TableHeaderCell>
            <TableHeaderCell>{t("rates.plan")}</TableHeaderCell>
            <TableHeaderCell>{t("rates.actual")}</TableHeaderCell>
            <TableHeaderCell>{t("rates.pace")}</TableHeaderCell>
            <TableHeaderCell>{`${t("rates.paid")}（${table.unit}）`}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {cps.map((c, i) => (
            <TableRow key={i}>
              <TableCell>{c.label}</TableCell>
              <TableCell className={styles.number}>{fmtPercent(c.plan)}</TableCell>
              <TableCell
                className={mergeClasses(styles.number, (c.behindPlan || c.behindPace) && styles.behindText)}
                title={[c.behindPlan ? t("rates.behindPlan") : "", c.behindPace ? t("rates.behindPace") : ""]
                  .filter(Boolean)
                  .join("、")}
              >
                {c.due ? fmtPercent(c.rate) : t("rates.notDue")}
              </TableCell>
              <TableCell className={styles.number}>{fmtPercent(c.pace)}</TableCell>
              <TableCell className={styles.number}>{c.due ? fmtAmount(c.paid) : "—"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
