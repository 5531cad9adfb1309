import { Button, Tooltip, makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { undoAction, undoLabel } from "../actions";
import { usePane } from "../state";
import { undoTime, useUndoRecord } from "../undo";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

/**
 * 撤销上次操作, in Excel only (the page downloads its copy after a command succeeded, so it has
 * nothing to put back). Enabled while there is a record; says which command it undoes and when.
 */
export function UndoButton() {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const pane = usePane();
  const record = useUndoRecord();
  if (pane.detection?.mode !== "excel") return null;
  const label = record ? undoLabel(record.label)[i18n.language === "en" ? "en" : "zh"] : null;
  const caption = record && label ? t("undo.last", { action: label, time: undoTime(record.at) }) : t("undo.none");
  return (
    <div className={styles.root}>
      <Tooltip content={t("undo.hint")} relationship="description">
        <Button
          appearance="secondary"
          size="small"
          disabled={!record || pane.busy !== null}
          onClick={() => void undoAction()}
          data-testid="undo"
          aria-label={record ? `${t("undo.button")}: ${caption}` : t("undo.button")}
        >
          {record ? caption : t("undo.button")}
        </Button>
      </Tooltip>
    </div>
  );
}
