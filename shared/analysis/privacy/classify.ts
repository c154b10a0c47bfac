/**
 * What in a string can identify a person or leak data. Patterns are strict on
 * purpose: a privacy view that cries wolf on binary noise is not read.
 */
export type FindingKind = 'user-name' | 'user-path' | 'computer-name' | 'email' | 'url' | 'command-line' | 'environment' | 'ip-address';

export interface StringFinding {
  kind: FindingKind;
  /** The sensitive part (the user name, the address…). */
  value: string;
  /** The whole string it was found in. */
  context: string;
}

// C:\Users\alice\…, C:\Documents and Settings\alice\…, /home/alice/…, \\?\C:\Users\alice
const USER_PATH = /(?:[A-Za-z]:\\(?:Users|Documents and Settings)\\|\/home\/|\/Users\/)([^\\/:*?"<>|\s]{1,64})/gi;
const EMAIL = /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}\b/g;
const URL = /\b(?:https?|ftp|file):\/\/[^\s"'<>]{3,2000}/gi;
const IPV4 = /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g;
const ENV = /^(USERNAME|USERDOMAIN|COMPUTERNAME|USERPROFILE|HOMEPATH|LOGONSERVER|APPDATA|LOCALAPPDATA|USERDNSDOMAIN)=(.{1,260})$/i;

/** Profile folder names that are not people. */
const NOT_PEOPLE = new Set(['public', 'default', 'default user', 'all users', 'administrator', 'defaultapppool', '%username%', 'username', 'runneradmin']);

export function classifyString(s: string): StringFinding[] {
  const out: StringFinding[] = [];
  const env = ENV.exec(s);
  if (env) {
    const name = env[1]!.toUpperCase();
    const kind: FindingKind = name === 'USERNAME' ? 'user-name' : name === 'COMPUTERNAME' || name === 'LOGONSERVER' ? 'computer-name' : 'environment';
    out.push({ kind, value: env[2]!, context: s });
  }
  for (const m of s.matchAll(USER_PATH)) {
    const user = m[1]!;
    if (!NOT_PEOPLE.has(user.toLowerCase())) out.push({ kind: 'user-path', value: user, context: s });
  }
  for (const m of s.matchAll(EMAIL)) out.push({ kind: 'email', value: m[0], context: s });
  for (const m of s.matchAll(URL)) out.push({ kind: 'url', value: m[0], context: s });
  for (const m of s.matchAll(IPV4)) {
    // Version strings (1.2.3.4) look like addresses; only keep ones not preceded by a 'v' or a letter.
    const before = s[m.index! - 1] ?? ' ';
    if (!/[A-Za-z0-9.]/.test(before) && !m[0].startsWith('0.') && m[0] !== '127.0.0.1') out.push({ kind: 'ip-address', value: m[0], context: s });
  }
  return out;
}
