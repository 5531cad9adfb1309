/**
 * The task pane's entry: renders at once (in Chinese, or English for an English browser), then
 * decides the mode. Excel mode when Office.onReady says Excel; browser mode when office.js is
 * absent, failed to load, says there is no host, or does not answer within the timeout. If Office
 * answers late, the pane switches to Excel mode then.
 */
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { App } from "./components/App";
import { initI18n, pickLanguage } from "./i18n";
import { setState } from "./state";
import { enterMode } from "./actions";
import { detectOffice, officeReady } from "../office/host";

const language = pickLanguage(null, navigator.language);
const i18n = initI18n(language);
setState({ language });
i18n.on("languageChanged", (lng) => {
  setState({ language: lng === "en" ? "en" : "zh" });
  document.documentElement.lang = lng === "en" ? "en" : "zh-CN";
});
document.documentElement.lang = language === "en" ? "en" : "zh-CN";

const container = document.getElementById("container");
if (container)
  createRoot(container).render(
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>,
  );

void detectOffice().then(async (detection) => {
  await enterMode(detection);
  // Office may still answer after the timeout (a slow network): switch to Excel mode then.
  if (detection.mode === "browser" && detection.reason === "timeout") {
    const late = await officeReady();
    if (late.mode === "excel") await enterMode(late);
  }
});
