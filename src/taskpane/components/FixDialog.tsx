import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableCellLayout,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { FixPreviewLine } from "../check-view";

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  value: { overflowWrap: "anywhere", fontFamily: tokens.fontFamilyMonospace },
  cell: { overflowWrap: "anywhere" },
});

/** Shows `「x」` so that spaces and full-width symbols in a fix are visible. */
function shown(v: string | number): string {
  return `「${String(v)}」`;
}

/**
 * The preview of one fix or of all: every edit (cell, from → to); nothing changes until 应用.
 */
export function FixDialog({
  lines,
  all,
  onApply,
  onClose,
}: {
  lines: FixPreviewLine[];
  all: boolean;
  onApply: () => void;
  onClose: () => void;
}) {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const english = i18n.language === "en";
  return (
    <Dialog open modalType="modal" onOpenChange={(_e, d) => (d.open ? undefined : onClose())}>
      <DialogSurface aria-describedby="fix-intro">
        <DialogBody>
          <DialogTitle>{all ? t("fix.titleAll") : t("fix.title")}</DialogTitle>
          <DialogContent className={styles.content} data-testid="fix-preview">
            <Caption1 id="fix-intro">{t("fix.intro")}</Caption1>
            <Table size="extra-small" aria-label={all ? t("fix.titleAll") : t("fix.title")}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t("fix.cell")}</TableHeaderCell>
                  <TableHeaderCell>{t("fix.from")}</TableHeaderCell>
                  <TableHeaderCell>{t("fix.to")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {lines.map((l, i) => (
                  <TableRow key={i}>
                    <TableCell>
                      <TableCellLayout
                        className={styles.cell}
                        description={<Caption1>{english ? l.descriptionEn : l.description}</Caption1>}
                      >
                        {`${l.edit.sheet}!${l.edit.cell}`}
                      </TableCellLayout>
                    </TableCell>
                    <TableCell className={styles.value}>{shown(l.edit.from)}</TableCell>
                    <TableCell className={styles.value}>{shown(l.edit.to)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onApply}>
              {all ? t("fix.applyAll", { count: lines.length }) : t("fix.apply")}
            </Button>
            <Button onClick={onClose}>{t("fix.cancel")}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
