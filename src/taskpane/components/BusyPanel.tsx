import { Button, Field, ProgressBar, makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { cancelAction, type PaneState } from "../state";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "flex-end", gap: tokens.spacingHorizontalM },
  field: { flexGrow: 1 },
});

/** Progress of the running action, with 取消 while it can still be cancelled. */
export function BusyPanel({ busy }: { busy: NonNullable<PaneState["busy"]> }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const label = t(`steps.${busy.step}`);
  return (
    <div className={styles.root} role="status" aria-live="polite" data-testid="busy">
      <Field
        className={styles.field}
        label={label}
        validationMessage={busy.cancellable ? undefined : t("steps.cannotCancel")}
        validationState="none"
      >
        <ProgressBar value={busy.fraction ?? undefined} aria-label={`${t("progress.label")}: ${label}`} />
      </Field>
      <Button onClick={cancelAction} disabled={!busy.cancellable}>
        {t("actions.cancel")}
      </Button>
    </div>
  );
}
