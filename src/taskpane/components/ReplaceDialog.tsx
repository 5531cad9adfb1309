import { useState } from "react";
import {
  Button,
  Caption1,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { usePane } from "../state";
import { keepGeneratedAction, replaceGeneratedAction } from "../actions";
import type { GenerateConflict } from "../more-workflow";

/** Sheets listed in full; the rest are counted (and replaced with the others). */
export const MAX_SHEETS_LISTED = 20;
/** Differences listed per sheet; the rest are counted. */
export const MAX_CHANGES_LISTED = 8;

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  sheet: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  value: { overflowWrap: "anywhere" },
});

/** One differing sheet: its tick box, why it differs, and what replacing it would change (capped). */
export function ConflictEntry({
  conflict,
  checked,
  onChange,
}: {
  conflict: GenerateConflict;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const why = [
    conflict.editedOnSheet ? t("replace.editedOnSheet") : null,
    conflict.sourceChanged ? t("replace.sourceChanged") : null,
  ].filter((x): x is string => x !== null);
  const title = [conflict.code, conflict.name].filter(Boolean).join(" ");
  const shown = conflict.differences.slice(0, MAX_CHANGES_LISTED);
  const hidden = conflict.differences.length - shown.length;
  return (
    <section className={styles.sheet} data-testid="replace-sheet">
      <Checkbox
        checked={checked}
        onChange={(_e, d) => onChange(d.checked === true)}
        label={t("replace.select", { sheet: conflict.sheet })}
      />
      <Caption1>
        {[title, why.join("，"), conflict.source ? t("replace.source", { source: conflict.source }) : null]
          .filter(Boolean)
          .join(" · ")}
      </Caption1>
      <Table size="extra-small" aria-label={t("replace.select", { sheet: conflict.sheet })}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("replace.field")}</TableHeaderCell>
            <TableHeaderCell>{t("replace.now")}</TableHeaderCell>
            <TableHeaderCell>{t("replace.fromSource")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((d, i) => (
            <TableRow key={i}>
              <TableCell className={styles.value}>{d.field}</TableCell>
              <TableCell className={styles.value}>{d.from}</TableCell>
              <TableCell className={styles.value}>{d.to}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {hidden > 0 && <Caption1>{t("replace.moreChanges", { count: hidden })}</Caption1>}
    </section>
  );
}

function ReplaceOffer({ conflicts }: { conflicts: GenerateConflict[] }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { busy } = usePane();
  // Every sheet is ticked at first; unticked ones are kept.
  const [kept, setKept] = useState<ReadonlySet<string>>(new Set());
  const listed = conflicts.slice(0, MAX_SHEETS_LISTED);
  const more = conflicts.length - listed.length;
  const chosen = conflicts.map((c) => c.sheet).filter((s) => !kept.has(s));
  const toggle = (sheet: string, replace: boolean): void =>
    setKept((k) => {
      const next = new Set(k);
      if (replace) next.delete(sheet);
      else next.add(sheet);
      return next;
    });
  return (
    <Dialog open modalType="alert">
      <DialogSurface aria-describedby="replace-intro">
        <DialogBody>
          <DialogTitle>{t("replace.title")}</DialogTitle>
          <DialogContent className={styles.content} data-testid="replace-dialog">
            <Caption1 id="replace-intro">{t("replace.intro")}</Caption1>
            {listed.map((c) => (
              <ConflictEntry
                key={c.sheet}
                conflict={c}
                checked={!kept.has(c.sheet)}
                onChange={(on) => toggle(c.sheet, on)}
              />
            ))}
            {more > 0 && <Caption1>{t("replace.moreSheets", { count: more })}</Caption1>}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={chosen.length === 0 || busy !== null}
              onClick={() => void replaceGeneratedAction(chosen)}
            >
              {t("replace.replace", { count: chosen.length })}
            </Button>
            <Button disabled={busy !== null} onClick={() => keepGeneratedAction()}>
              {t("replace.keep")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/**
 * After 生成目标表 (pane or ribbon): the generated sheets that differ from their source, each with what
 * replacing it would change (capped), to replace the ticked ones (替换) or keep them all (保留).
 */
export function ReplaceDialog() {
  const { replaceOffer } = usePane();
  if (!replaceOffer || replaceOffer.length === 0) return null;
  // A new offer starts with every sheet ticked again.
  return <ReplaceOffer key={replaceOffer.map((c) => c.sheet).join("\u0000")} conflicts={replaceOffer} />;
}
