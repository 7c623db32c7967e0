/**
 * Jumio's suggested delays between Retrieval API checks (jumio-api.md §6: "40, 60, 100, 160, 240, 340,
 * 460, 600, 760, 940 s", then at most once a day).
 */
export const DEFAULT_RETRIEVAL_SCHEDULE_SECONDS: readonly number[] = [
  40, 60, 100, 160, 240, 340, 460, 600, 760, 940,
];
export const DAILY_CHECK_SECONDS = 24 * 60 * 60;

/** Milliseconds to wait before check number `checksDone + 1`: the schedule (in ms), then daily. */
export function nextCheckDelayMs(scheduleMs: readonly number[], checksDone: number): number {
  return checksDone < scheduleMs.length ? scheduleMs[checksDone] : DAILY_CHECK_SECONDS * 1000;
}

/**
 * `JUMIO_RETRIEVAL_SCHEDULE_S`-style text ("40,60,100") or a list, checked: non-negative whole seconds,
 * at least one, none longer than a day (after the list, checks are daily anyway).
 * @throws Error naming the bad entry.
 */
export function parseRetrievalSchedule(value: string | readonly number[]): number[] {
  const entries =
    typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value.map(String);
  if (entries.length === 0 || entries.every((entry) => entry === '')) {
    throw new Error('retrieval schedule must list at least one delay in seconds');
  }
  return entries.map((entry) => {
    const seconds = Number(entry);
    if (
      entry === '' ||
      !Number.isInteger(seconds) ||
      seconds < 0 ||
      seconds > DAILY_CHECK_SECONDS
    ) {
      throw new Error(
        `retrieval schedule entry "${entry}" must be whole seconds from 0 to ${DAILY_CHECK_SECONDS}`,
      );
    }
    return seconds;
  });
}
