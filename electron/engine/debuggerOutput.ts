/**
 * The command engine's results (shared/debugger: one result per
 * `;`-separated command, spans as start/end + the linked value) in the
 * contract's shape: one text for the line, spans as start/length with the
 * follow-up command a click runs (`u ADDR`, `lmv m NAME`, `~1s`, …).
 */
import type { CommandOutput, OutputSpan } from '../../shared/api';
import type { CommandResult } from '../../shared/debugger/engine';

/** What clicking a linked piece of output runs — the natural next command, as WinDbg's DML links do. */
export function followUpCommand(kind: string, value: string): string | undefined {
  if (!value) return undefined;
  switch (kind) {
    case 'address':
    case 'symbol':
      return `u ${value}`;
    case 'module':
      return `lmv m ${value}`;
    case 'thread':
      return value.startsWith('~') ? value : `!thread ${value}`;
    case 'process':
      return value.startsWith('|') ? value : `!process ${value} 1`;
    case 'command':
      return value;
    default:
      return undefined;
  }
}

export function toCommandOutput(line: string, results: readonly CommandResult[]): CommandOutput {
  let text = '';
  const spans: OutputSpan[] = [];
  for (const r of results) {
    // With several commands on one line, each part starts with its prompt-less echo, as cdb -c prints them.
    if (results.length > 1) text += `> ${r.command}\n`;
    const base = text.length;
    for (const s of r.spans) {
      const command = followUpCommand(s.kind, s.value);
      spans.push({ start: base + s.start, length: s.end - s.start, kind: s.kind, ...(command ? { command } : {}) });
    }
    text += r.text;
  }
  const clear = results.some((r) => r.command.trim().toLowerCase() === '.cls');
  return clear ? { line, text, spans, clear } : { line, text, spans };
}
