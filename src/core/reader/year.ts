/** The budget year of a table, from its code (`13062522P…`: year 22), its name or its title. */

export function yearOf(...texts: (string | null | undefined)[]): number | null {
  const [code, ...rest] = texts;
  if (code) {
    const m = /^\d{6}(\d{2})[A-Za-z]/.exec(code.trim());
    if (m) {
      const y = 2000 + Number(m[1]);
      if (y >= 2010 && y <= 2099) return y;
    }
  }
  for (const t of rest) {
    const m = t ? /(20\d{2})\s*年/.exec(t) : null;
    if (m) return Number(m[1]);
  }
  return null;
}
