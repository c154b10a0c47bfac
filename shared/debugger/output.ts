/**
 * Command output: plain text as WinDbg prints it, plus spans marking the
 * parts the app can make clickable (WinDbg's DML links): addresses, modules,
 * symbols, threads, processes. Span offsets index into `text`.
 */
export type SpanKind = 'address' | 'module' | 'symbol' | 'thread' | 'process' | 'command';

export interface OutputSpan {
  start: number;
  end: number;
  kind: SpanKind;
  /** What the link refers to: "0x7c90eb94", "ntdll", "~0s", "lmDvmntdll". */
  value: string;
}

export interface CommandOutput {
  text: string;
  spans: OutputSpan[];
}

export class OutputBuilder {
  private parts: string[] = [];
  private length = 0;
  readonly spans: OutputSpan[] = [];

  /** Plain text. */
  text(s: string): this {
    this.parts.push(s);
    this.length += s.length;
    return this;
  }

  /** Text that links to something. */
  link(s: string, kind: SpanKind, value: string): this {
    if (s.length) this.spans.push({ start: this.length, end: this.length + s.length, kind, value });
    return this.text(s);
  }

  /** Ends the line. */
  line(s = ''): this {
    return this.text(s + '\n');
  }

  /** Several plain lines. */
  lines(ls: readonly string[]): this {
    for (const l of ls) this.line(l);
    return this;
  }

  get isEmpty(): boolean {
    return this.length === 0;
  }

  build(): CommandOutput {
    return { text: this.parts.join(''), spans: this.spans };
  }
}
