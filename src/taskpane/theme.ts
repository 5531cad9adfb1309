/** The pane follows Office's theme in Excel and the system's colour scheme in a browser. */
import { useEffect, useState } from "react";
import { officeThemeIsDark } from "../office/host";

function systemDark(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

/** Whether to show the dark theme: Office's where it says, else the system's. */
export function currentDark(inExcel: boolean): boolean {
  return (inExcel ? officeThemeIsDark() : null) ?? systemDark();
}

export function useDarkTheme(inExcel: boolean): boolean {
  const [dark, setDark] = useState(() => currentDark(inExcel));
  useEffect(() => {
    const update = () => setDark(currentDark(inExcel));
    update();
    const media = typeof window.matchMedia === "function" ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    media?.addEventListener("change", update);
    // Excel raises no theme event for add-ins; re-read when the pane regains focus or visibility.
    window.addEventListener("focus", update);
    document.addEventListener("visibilitychange", update);
    return () => {
      media?.removeEventListener("change", update);
      window.removeEventListener("focus", update);
      document.removeEventListener("visibilitychange", update);
    };
  }, [inExcel]);
  return dark;
}
