import { padHex, windbgPtr } from '../hex';

/** A pointer as WinDbg prints it for the target's word size. */
export function ptr(v: bigint, is64: boolean): string {
  return windbgPtr(v, is64);
}

/** Zero-padded lowercase hex, `digits` wide, masked to that width. */
export function hexN(v: bigint | number, digits: number): string {
  return padHex(BigInt.asUintN(digits * 4, BigInt(v)), digits);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** WinDbg's date form, in UTC: "Wed Feb 14 19:13:48 2007"; with millis: "…19:13:48.000 2007". */
export function windbgDate(d: Date, millis = false): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const time = `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}${millis ? '.' + p(d.getUTCMilliseconds(), 3) : ''}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${time} ${d.getUTCFullYear()}`;
}

/** "0 days 0:00:01.000" — WinDbg's uptime/duration form. */
export function windbgDuration(ms: number): string {
  const days = Math.floor(ms / 86400000);
  let rest = ms - days * 86400000;
  const h = Math.floor(rest / 3600000);
  rest -= h * 3600000;
  const m = Math.floor(rest / 60000);
  rest -= m * 60000;
  const s = Math.floor(rest / 1000);
  const milli = Math.round(rest - s * 1000);
  return `${days} days ${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(milli).padStart(3, '0')}`;
}

/** WinDbg's module name for an image file: extension dropped, other odd characters as '_'. */
export function moduleNameOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  return stem.replace(/[^A-Za-z0-9_]/g, '_');
}
