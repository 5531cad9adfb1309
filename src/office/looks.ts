/**
 * Cell fills between the port (OOXML pattern names, ARGB colours) and Office.js (`RangeFill`:
 * `color`, and from ExcelApi 1.9 `pattern` and `patternColor`). In OOXML a solid fill's colour is its
 * `fgColor`; a patterned fill draws `fgColor` over `bgColor`. In Office.js `color` is the cell's
 * background and `patternColor` the pattern's.
 */
import type { Fill } from "../port/workbook";

const TO_OFFICE: Record<string, string> = {
  solid: "Solid",
  mediumGray: "Gray50",
  darkGray: "Gray75",
  lightGray: "Gray25",
  darkHorizontal: "Horizontal",
  darkVertical: "Vertical",
  darkDown: "Down",
  darkUp: "Up",
  darkGrid: "Checker",
  darkTrellis: "SemiGray75",
  lightHorizontal: "LightHorizontal",
  lightVertical: "LightVertical",
  lightDown: "LightDown",
  lightUp: "LightUp",
  lightGrid: "Grid",
  lightTrellis: "CrissCross",
  gray125: "Gray16",
  gray0625: "Gray8",
};
const FROM_OFFICE: Record<string, string> = Object.fromEntries(Object.entries(TO_OFFICE).map(([k, v]) => [v, k]));

export type OfficePattern = Excel.FillPattern | `${Excel.FillPattern}`;

export interface OfficeFill {
  color?: string;
  pattern?: OfficePattern;
  patternColor?: string;
}

function hex(argb: string | undefined): string | undefined {
  if (!argb) return undefined;
  const h = argb.replace(/^#/, "");
  return `#${(h.length === 8 ? h.slice(2) : h).toUpperCase()}`;
}

function argb(color: string | null | undefined): string | undefined {
  if (!color || !/^#[0-9a-f]{6}$/i.test(color)) return undefined;
  return `FF${color.slice(1).toUpperCase()}`;
}

/** The Office.js fill for a port fill. A fill read from Office (`raw`) is given back as it was. */
export function officeFill(f: Fill): OfficeFill {
  if (f.raw) {
    try {
      const raw = JSON.parse(f.raw) as { office?: OfficeFill };
      if (raw.office) return raw.office;
    } catch {
      // Another engine's description: fall back to the pattern and colours.
    }
  }
  const pattern = TO_OFFICE[f.pattern];
  if (!pattern || pattern === "Solid") return { pattern: "Solid", color: hex(f.fgColor) ?? hex(f.bgColor) };
  return { pattern: pattern as OfficePattern, color: hex(f.bgColor) ?? "#FFFFFF", patternColor: hex(f.fgColor) };
}

/**
 * The port fill of what Office reports. Without ExcelApi 1.9 (`pattern` unknown) a white cell cannot
 * be told from one without fill, and is reported as none.
 */
export function portFill(
  color: string | null,
  pattern: string | null | undefined,
  patternColor: string | null | undefined,
): Fill | null {
  if (pattern === undefined) {
    if (!color || color.toUpperCase() === "#FFFFFF") return null;
    return { pattern: "solid", fgColor: argb(color) };
  }
  if (pattern === null || pattern === "None") return null;
  if (pattern === "Solid") return { pattern: "solid", ...(argb(color) ? { fgColor: argb(color) } : {}) };
  const name = FROM_OFFICE[pattern];
  const raw = JSON.stringify({ office: { color, pattern, patternColor } });
  if (!name) return { pattern: "gradient", raw };
  return {
    pattern: name,
    ...(argb(patternColor) ? { fgColor: argb(patternColor) } : {}),
    ...(argb(color) ? { bgColor: argb(color) } : {}),
    raw,
  };
}
