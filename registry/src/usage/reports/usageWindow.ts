/** A time range `[since, until)` a report covers. */
export interface UsageWindow {
  since: Date;
  until: Date;
}

/** The window of the same length just before `window`, for trends. */
export function previousWindow(window: UsageWindow): UsageWindow {
  const length = window.until.getTime() - window.since.getTime();
  return { since: new Date(window.since.getTime() - length), until: window.since };
}
