/**
 * Jumio dates are UTC `YYYY-MM-DDThh:mm:ss.SSSZ` whose millisecond part has 0 to 3 digits
 * (jumio-api.md §1.3). The formatter cycles through 3, 2, 1 and 0 digits, in call order, so that every
 * client parser meets each form deterministically.
 */
export class JumioDateFormatter {
  private calls = 0;

  format(date: Date): string {
    const digits = 3 - (this.calls++ % 4);
    return formatJumioDate(date, digits);
  }
}

export function formatJumioDate(date: Date, millisecondDigits: number): string {
  const iso = date.toISOString();
  const seconds = iso.slice(0, 19);
  if (millisecondDigits <= 0) return `${seconds}Z`;
  return `${seconds}.${iso.slice(20, 20 + Math.min(millisecondDigits, 3))}Z`;
}
