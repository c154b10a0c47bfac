/**
 * A compact MSVC C++ name demangler, printing what dump_syms (through DIA's
 * undecorator) prints for a function: the qualified name and its argument
 * types — "ns::Class::method(wchar_t const *,unsigned int)" — without return
 * type, calling convention, access or __ptr64. Covers functions (member,
 * static, global), constructors, destructors, operators, templates, name and
 * type back-references, pointers, references (& and &&), cv-qualifiers,
 * function pointers, enums and anonymous namespaces. Anything else (data
 * symbols, RTTI descriptors, exotic template arguments) returns undefined, and
 * callers keep the decorated name.
 * Grammar: https://en.wikiversity.org/wiki/Visual_C%2B%2B_name_mangling
 */
export function demangleMsvc(mangled: string): string | undefined {
  if (!mangled.startsWith('?') || mangled.length > 4096) return undefined;
  try {
    const p = new Parser(mangled);
    return p.symbol();
  } catch {
    return undefined;
  }
}

class Fail extends Error {}

const OPERATORS: Record<string, string> = {
  '2': 'operator new', '3': 'operator delete', '4': 'operator=', '5': 'operator>>', '6': 'operator<<', '7': 'operator!',
  '8': 'operator==', '9': 'operator!=', A: 'operator[]', C: 'operator->', D: 'operator*', E: 'operator++', F: 'operator--',
  G: 'operator-', H: 'operator+', I: 'operator&', J: 'operator->*', K: 'operator/', L: 'operator%', M: 'operator<',
  N: 'operator<=', O: 'operator>', P: 'operator>=', Q: 'operator,', R: 'operator()', S: 'operator~', T: 'operator^',
  U: 'operator|', V: 'operator&&', W: 'operator||', X: 'operator*=', Y: 'operator+=', Z: 'operator-=',
};
const OPERATORS_UNDERSCORE: Record<string, string> = {
  '0': 'operator/=', '1': 'operator%=', '2': 'operator>>=', '3': 'operator<<=', '4': 'operator&=', '5': 'operator|=',
  '6': 'operator^=', '7': "`vftable'", '8': "`vbtable'", '9': "`vcall'", E: "`vector deleting destructor'",
  G: "`scalar deleting destructor'", U: 'operator new[]', V: 'operator delete[]',
};
const PRIMITIVES: Record<string, string> = {
  C: 'signed char', D: 'char', E: 'unsigned char', F: 'short', G: 'unsigned short', H: 'int', I: 'unsigned int',
  J: 'long', K: 'unsigned long', M: 'float', N: 'double', O: 'long double', X: 'void', Z: '...',
};
const PRIMITIVES_UNDERSCORE: Record<string, string> = {
  J: '__int64', K: 'unsigned __int64', N: 'bool', W: 'wchar_t', S: 'char16_t', U: 'char32_t', Q: 'char8_t', D: '__int8', E: 'unsigned __int8',
  F: '__int16', G: 'unsigned __int16', H: '__int32', I: 'unsigned __int32', L: '__int128', M: 'unsigned __int128',
};

/** A type being printed: `left` goes before the declarator, `right` after ("bool (*)(int)" = left "bool (*", right ")(int)"). */
interface Ty {
  left: string;
  right: string;
}
const simple = (s: string): Ty => ({ left: s, right: '' });
const show = (t: Ty) => (t.left + t.right).trim();

class Parser {
  private i = 0;
  private names: string[] = [];
  private types: Ty[] = [];
  private depth = 0;

  constructor(private readonly s: string) {}

  private peek(n = 0): string {
    return this.s[this.i + n] ?? '';
  }
  private next(): string {
    if (this.i >= this.s.length) throw new Fail();
    return this.s[this.i++]!;
  }
  private eat(x: string): boolean {
    if (this.s.startsWith(x, this.i)) {
      this.i += x.length;
      return true;
    }
    return false;
  }

  symbol(): string {
    this.next(); // '?'
    const { qualified, special } = this.qualifiedName(true);
    const kind = this.next();
    if (/[A-Z]/.test(kind) === false) throw new Fail(); // data symbols ('0'-'4'), thunks…
    // Member function kinds A–V carry a this-qualifier unless static (C, D, K, L, S, T); Y/Z are globals.
    const code = kind.charCodeAt(0) - 65;
    const isGlobal = kind === 'Y' || kind === 'Z';
    const isStatic = !isGlobal && [2, 3, 10, 11, 18, 19].includes(code);
    if (!isGlobal && !isStatic) {
      this.eat('E'); // __ptr64
      this.next(); // cv of this
    }
    this.next(); // calling convention
    // Return type: '@' for constructors/destructors, else a type (possibly ?A / ?B cv-qualified).
    if (!this.eat('@')) {
      if (this.eat('?')) this.next();
      this.type();
    }
    const args = this.argList();
    return (special ?? qualified) + `(${args})`;
  }

  /** name@scope@...@@ — innermost first; printed outermost first. */
  private qualifiedName(isSymbol: boolean): { qualified: string; special?: string } {
    const parts: string[] = [];
    let special: string | undefined;
    let op: string | undefined;
    let templateSuffix = '';
    if (isSymbol && this.peek() === '?' && this.peek(1) !== '$') {
      this.next();
      op = this.operatorCode();
    } else if (isSymbol && this.eat('?$?')) {
      // A templated operator or constructor: ??$?0…@ — the operator, then its template arguments.
      op = this.operatorCode();
      const saved = [this.names, this.types] as const;
      this.names = [];
      this.types = [];
      const args = this.templateArgs();
      [this.names, this.types] = saved;
      templateSuffix = `<${args}${args.endsWith('>') ? ' ' : ''}>`;
    } else if (isSymbol && this.eat('?$')) {
      // A function template's own name is not a back-reference target (the scopes after it are).
      parts.push(this.template(false));
    } else {
      parts.push(this.nameFragment());
    }
    while (!this.eat('@')) {
      if (parts.length > 64) throw new Fail();
      parts.push(this.scopeFragment());
    }
    if (op !== undefined) {
      const cls = parts[0] ?? '';
      const name = (op === 'ctor' ? cls : op === 'dtor' ? `~${cls}` : op) + templateSuffix;
      special = [...parts].reverse().concat(name).join('::');
      return { qualified: special, special };
    }
    return { qualified: [...parts].reverse().join('::') };
  }

  private operatorCode(): string {
    const c = this.next();
    if (c === '0') return 'ctor';
    if (c === '1') return 'dtor';
    if (c === '_') {
      const d = this.next();
      const o = OPERATORS_UNDERSCORE[d];
      if (!o) throw new Fail();
      return o;
    }
    if (c === 'B') throw new Fail(); // conversion operators need the return type: not handled
    const o = OPERATORS[c];
    if (!o) throw new Fail();
    return o;
  }

  /** First fragment of a name: a simple name, a back-reference, or a template. */
  private nameFragment(): string {
    const c = this.peek();
    if (c >= '0' && c <= '9') {
      this.next();
      const n = this.names[Number(c)];
      if (n === undefined) throw new Fail();
      return n;
    }
    if (this.eat('?$')) return this.template();
    return this.simpleName();
  }

  private scopeFragment(): string {
    if (this.peek() === '?' && this.peek(1) === 'A' && this.peek(2) === '0' && this.peek(3) === 'x') {
      this.i += 2;
      this.simpleName(false);
      this.names.push("`anonymous namespace'");
      return "`anonymous namespace'";
    }
    if (this.peek() === '?' && this.peek(1) === '$') {
      this.i += 2;
      const t = this.template();
      return t;
    }
    if (this.peek() === '?') {
      // Local scope: ?N? or a nested symbol: `N'
      this.next();
      const n = this.number();
      return `\`${n}'`;
    }
    return this.nameFragment();
  }

  private simpleName(remember = true): string {
    const at = this.s.indexOf('@', this.i);
    if (at < 0) throw new Fail();
    const n = this.s.slice(this.i, at);
    this.i = at + 1;
    if (remember && this.names.length < 10 && !this.names.includes(n)) this.names.push(n);
    return n;
  }

  /** ?$name@args@ — template arguments have their own back-reference tables. */
  private template(remember = true): string {
    if (++this.depth > 32) throw new Fail();
    const savedNames = this.names;
    const savedTypes = this.types;
    this.names = [];
    this.types = [];
    const name = this.simpleName();
    const joined = this.templateArgs();
    this.names = savedNames;
    this.types = savedTypes;
    this.depth--;
    const full = `${name}<${joined}${joined.endsWith('>') ? ' ' : ''}>`;
    if (remember && this.names.length < 10) this.names.push(full);
    return full;
  }

  /** Arguments up to the closing '@', joined as undname prints them. */
  private templateArgs(): string {
    const args: string[] = [];
    while (!this.eat('@')) {
      if (args.length > 64) throw new Fail();
      args.push(this.templateArg());
    }
    return args.join(',');
  }

  private templateArg(): string {
    if (this.eat('$0')) return this.number();
    if (this.eat('$$V') || this.eat('$$Z')) return '';
    if (this.peek() === '$' && this.peek(1) !== '$') throw new Fail();
    return show(this.type(true));
  }

  private number(): string {
    const neg = this.eat('?');
    const c = this.next();
    if (c >= '0' && c <= '9') return (neg ? '-' : '') + String(Number(c) + 1);
    let v = 0n;
    let ch = c;
    while (ch !== '@') {
      if (ch < 'A' || ch > 'P') throw new Fail();
      v = v * 16n + BigInt(ch.charCodeAt(0) - 65);
      ch = this.next();
    }
    return (neg ? '-' : '') + v.toString();
  }

  private argList(): string {
    if (this.eat('X')) return '';
    const out: string[] = [];
    while (!this.eat('@') && this.peek() !== 'Z') {
      if (out.length > 64) throw new Fail();
      const c = this.peek();
      if (c >= '0' && c <= '9') {
        this.next();
        const t = this.types[Number(c)];
        if (!t) throw new Fail();
        out.push(show(t));
        continue;
      }
      const before = this.i;
      const t = this.type(true);
      if (this.i - before > 1 && this.types.length < 10) this.types.push(t);
      out.push(show(t));
    }
    return out.join(',');
  }

  private cv(c: string): string {
    switch (c) {
      case 'A': return '';
      case 'B': return ' const';
      case 'C': return ' volatile';
      case 'D': return ' const volatile';
      default: throw new Fail();
    }
  }

  private type(inArgs = false): Ty {
    if (++this.depth > 64) throw new Fail();
    try {
      const c = this.next();
      if (PRIMITIVES[c]) return simple(PRIMITIVES[c]!);
      if (c === '_') {
        const p = PRIMITIVES_UNDERSCORE[this.next()];
        if (!p) throw new Fail();
        return simple(p);
      }
      if (c >= '0' && c <= '9' && inArgs) {
        const t = this.types[Number(c)];
        if (!t) throw new Fail();
        return t;
      }
      switch (c) {
        case 'T': case 'U': case 'V': return simple(this.qualifiedName(false).qualified);
        case 'W': this.next(); return simple(this.qualifiedName(false).qualified);
        case 'A': return this.indirect('&', '');
        case 'P': return this.indirect('*', '');
        case 'Q': return this.indirect('*', ' const');
        case 'R': return this.indirect('*', ' volatile');
        case 'S': return this.indirect('*', ' const volatile');
        case '?': { // cv-qualified value type in an argument list: ?B = const
          const q = this.cv(this.next());
          const t = this.type(inArgs);
          return { left: t.left + q, right: t.right };
        }
        case '$': {
          if (this.eat('$Q')) return this.indirect('&&', '');
          if (this.eat('$R')) return this.indirect('&&', ' volatile');
          if (this.eat('$C')) {
            const q = this.cv(this.next());
            const t = this.type(inArgs);
            return { left: t.left + q, right: t.right };
          }
          if (this.eat('$T')) return simple('std::nullptr_t');
          throw new Fail();
        }
        default: throw new Fail();
      }
    } finally {
      this.depth--;
    }
  }

  /** Pointer or reference: optional __ptr64 'E', the pointee's cv, then the pointee (a function type after '6'). */
  private indirect(sym: string, selfCv: string): Ty {
    this.eat('E');
    this.eat('I'); // __restrict
    if (this.eat('6')) {
      this.next(); // calling convention
      const ret = this.eat('@') ? simple('void') : this.type();
      const args = this.argList();
      this.eat('Z'); // no throw specification
      return { left: `${show(ret)} (${sym}${selfCv}`, right: `)(${args})` };
    }
    const q = this.cv(this.next());
    const t = this.type();
    // A pointer's own cv is in its letter (Q = "* const"); the referrer repeats it: print it once.
    const left = q && t.left.endsWith(q) ? t.left : t.left + q;
    return { left: `${left} ${sym}${selfCv}`, right: t.right };
  }
}

/** "ns::f(int,char *)" → "ns::f": the name without its trailing argument list. */
export function withoutArguments(full: string): string {
  if (!full.endsWith(')')) return full;
  let depth = 0;
  for (let i = full.length - 1; i >= 0; i--) {
    const c = full[i];
    if (c === ')') depth++;
    else if (c === '(' && --depth === 0) return full.slice(0, i);
  }
  return full;
}
