/**
 * How long the history's search box waits for typing to pause before it
 * queries: long enough to merge the keystrokes of a burst, short enough that
 * a filter over 100,000 rows still answers within 100 ms (bench/ui.bench.ts).
 */
export const SEARCH_PAUSE_MS = 40;
