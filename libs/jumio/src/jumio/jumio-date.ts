const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A date as Jumio writes it on extracted documents: `YYYY-MM-DD`, an ISO timestamp with 0 to 3
 * millisecond digits (jumio-api.md §1.3), or `MM/YY` (cards, §4.3). Returns UTC midnight of the day;
 * `MM/YY` gives the first day of the month, the oldest reading, so a document is never made younger
 * than it may be. Undefined for anything else or an impossible date.
 */
export function parseJumioDate(value: string): Date | undefined {
  const text = value.trim();
  const isoDay =
    /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{0,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      text,
    );
  if (isoDay) return utcDay(Number(isoDay[1]), Number(isoDay[2]), Number(isoDay[3]));
  const monthYear = /^(\d{2})\/(\d{2})$/.exec(text);
  if (monthYear) return utcDay(2000 + Number(monthYear[2]), Number(monthYear[1]), 1);
  return undefined;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

function utcDay(year: number, month: number, day: number): Date | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? date : undefined;
}
