import { Suspense, lazy } from "react";
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { usePane, type Message, type PaneTab } from "../state";
import { setTab } from "../actions";
import { useDarkTheme } from "../theme";
import { MIN_EXCEL_API } from "../../office/host";
import { BusyPanel } from "./BusyPanel";
import { TablesView } from "./TablesView";
import { SettingsPanel } from "./SettingsPanel";
import { UndoButton } from "./UndoButton";

/** The 校验 tab, a chunk of its own (its Fluent parts are not needed to show the tables). */
const CheckPanel = lazy(() =>
  import(/* webpackChunkName: "check-pane" */ "./CheckPanel").then((m) => ({ default: m.CheckPanel })),
);

/** The 执行率 tab, a chunk of its own too (its chart and lists are not needed until it is shown). */
const RatesPanel = lazy(() =>
  import(/* webpackChunkName: "rates-pane" */ "./RatesPanel").then((m) => ({ default: m.RatesPanel })),
);

const TABS: PaneTab[] = ["tables", "check", "rates", "settings"];

function isTab(v: unknown): v is PaneTab {
  return typeof v === "string" && (TABS as string[]).includes(v);
}

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    boxSizing: "border-box",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  title: { margin: 0 },
});

export function MessageView({ message }: { message: Message }) {
  const { t, i18n } = useTranslation();
  const literal = i18n.language === "en" ? (message.en ?? message.zh) : (message.zh ?? message.en);
  const first = message.key
    ? t(message.key, { ...message.params, ...(literal !== undefined ? { message: literal } : {}) })
    : literal;
  const text = [first, ...(message.more ?? []).map((m) => t(m.key, m.params))].join(" ");
  return (
    <MessageBar intent={message.intent} politeness={message.intent === "error" ? "assertive" : "polite"}>
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}

function ModeBar() {
  const { t } = useTranslation();
  const { detection, api } = usePane();
  if (!detection)
    return <Spinner size="tiny" labelPosition="after" label={t("mode.detecting")} role="status" aria-live="polite" />;
  if (detection.mode === "excel")
    return (
      <>
        <MessageBar intent="success" data-testid="mode">
          <MessageBarBody>
            <MessageBarTitle>{t("mode.excel")}</MessageBarTitle>
            {t("mode.excelDetail")}
          </MessageBarBody>
        </MessageBar>
        {api && !api.minimum && (
          <MessageBar intent="error">
            <MessageBarBody>{t("mode.tooOld", { version: MIN_EXCEL_API })}</MessageBarBody>
          </MessageBar>
        )}
      </>
    );
  const reason = t(`mode.reason.${detection.reason}`);
  return (
    <MessageBar intent="info" data-testid="mode">
      <MessageBarBody>
        <MessageBarTitle>{t("mode.browser")}</MessageBarTitle>
        {t("mode.browserDetail")}
        {reason ? ` ${reason}` : ""}
      </MessageBarBody>
    </MessageBar>
  );
}

export function App() {
  const styles = useStyles();
  const { t } = useTranslation();
  const pane = usePane();
  const inExcel = pane.detection?.mode === "excel";
  const dark = useDarkTheme(inExcel);
  const tab = pane.tab;
  return (
    <FluentProvider
      theme={dark ? webDarkTheme : webLightTheme}
      className={styles.root}
      lang={pane.language === "en" ? "en" : "zh-CN"}
    >
      <header className={styles.header}>
        <Text as="h1" size={500} weight="semibold" className={styles.title}>
          {t("app.title")}
        </Text>
        <Text size={200}>{t("app.subtitle")}</Text>
      </header>
      <ModeBar />
      <UndoButton />
      {pane.busy && <BusyPanel busy={pane.busy} />}
      {pane.message && <MessageView message={pane.message} />}
      {pane.detection && (
        <main>
          <TabList
            selectedValue={tab}
            onTabSelect={(_e, d) => {
              if (isTab(d.value)) setTab(d.value);
            }}
            aria-label={t("tabs.label")}
          >
            {TABS.map((v) => (
              <Tab key={v} value={v} id={`tab-${v}`} aria-controls={`panel-${v}`}>
                {t(`tabs.${v}`)}
              </Tab>
            ))}
          </TabList>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === "tables" ? (
              <TablesView />
            ) : tab === "check" ? (
              <Suspense fallback={<Spinner size="small" label={t("check.loading")} />}>
                <CheckPanel />
              </Suspense>
            ) : tab === "rates" ? (
              <Suspense fallback={<Spinner size="small" label={t("rates.loading")} />}>
                <RatesPanel />
              </Suspense>
            ) : (
              <SettingsPanel />
            )}
          </div>
        </main>
      )}
    </FluentProvider>
  );
}
