/**
 * Version of the analysis logic (not of the schema). Bump it when the same
 * dump would now produce a different document — a new unwinder, a changed
 * culprit rule — so the history store knows which rows to re-analyse.
 */
export const ANALYZER_VERSION = 3; // 2: blame class in the history; 3: crash address, processor, culprit version/company
