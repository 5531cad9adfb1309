import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { localTime } from "../check-view";
import { usePane } from "../state";

/** On opening a workbook checked before: when, and which tables changed since. */
export function SinceLastCheckBar() {
  const { t } = useTranslation();
  const { sinceLastCheck } = usePane();
  if (!sinceLastCheck) return null;
  const names = sinceLastCheck.changed.join("、");
  return (
    <MessageBar intent={sinceLastCheck.changed.length > 0 ? "warning" : "info"} data-testid="since-last-check">
      <MessageBarBody>
        <MessageBarTitle>{t("since.title", { time: localTime(sinceLastCheck.checkedAt) })}</MessageBarTitle>
        {sinceLastCheck.changed.length > 0 ? t("since.changed", { names }) : t("since.unchanged")}
      </MessageBarBody>
    </MessageBar>
  );
}
