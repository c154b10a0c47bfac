import { DumpFormatError } from '../../errors';
import {
  CV_PTR_MODE_LVREF, CV_PTR_MODE_PMEM, CV_PTR_MODE_PMFUNC, CV_PTR_MODE_RVREF, FIRST_NONPRIMITIVE_TYPE, T_NOTYPE, T_VOID,
  primitiveType, type TypeRecord,
} from './typeRecords';

/** Where type names come from: the decoded record of a non-primitive type index, or undefined if unknown. */
export interface TypeRecordSource {
  record(ti: number): TypeRecord | undefined;
  /** Size in bytes of a type, for array element counts. */
  sizeOf(ti: number): number | undefined;
}

export interface TypeNameOptions {
  /**
   * "struct _CONTEXT *" rather than "_CONTEXT *": the class-key before user-defined
   * types, as Mozilla's dump_syms printed static functions' signatures. The default
   * is the MSVC undecorator's form (UNDNAME_NO_ECSU), which DIA and Breakpad's
   * dump_syms print in signatures ("_EXCEPTION_POINTERS *").
   */
  tagKeywords?: boolean;
}

/** Deeper than this a type name is a cycle in a corrupt stream, not a real type. */
export const MAX_TYPE_DEPTH = 64;

/**
 * C names of type indexes, printed as the MSVC undecorator (and so DIA and
 * dump_syms) prints them in signatures: "char const *", "wchar_t const * const",
 * "unsigned __int64", "char [16]", "bool (*)(void *,_EXCEPTION_POINTERS *)".
 * No calling conventions and no __ptr64 (UNDNAME_NO_MS_KEYWORDS).
 */
export class TypeNamer {
  constructor(private readonly src: TypeRecordSource, private readonly opts: TypeNameOptions = {}) {}

  name(ti: number): string | undefined {
    return this.declare(ti, '', 0);
  }

  /** The name without the type's own top-level const/volatile ("unsigned char" for a volatile UCHAR member, "void *" for PVOID volatile). */
  unqualifiedName(ti: number): string | undefined {
    return this.declare(ti, '', 0, true);
  }

  /**
   * "(int,char const *)"; "()" for no arguments or a lone void; a trailing
   * T_NOTYPE is "...". A const or volatile on a parameter itself is left out
   * unless the parameter is a pointer, as in MSVC decorated names (and so in
   * DIA's and dump_syms' signatures): "(unsigned __int64,char * const)".
   */
  argumentList(argList: number, depth = 0): string | undefined {
    const rec = this.src.record(argList);
    if (rec?.kind !== 'arglist') return undefined;
    const args = rec.args;
    if (args.length === 1 && args[0] === T_VOID) return '()';
    const names: string[] = [];
    for (const [i, a] of args.entries()) {
      if (a === T_NOTYPE && i === args.length - 1) { names.push('...'); continue; }
      const n = this.declare(this.parameterType(a), '', depth + 1);
      if (n === undefined) return undefined;
      names.push(n);
    }
    return `(${names.join(',')})`;
  }

  /** A parameter's type without a top-level const/volatile, except on pointers. */
  private parameterType(ti: number): number {
    let cur = ti;
    for (let depth = 0; depth < MAX_TYPE_DEPTH; depth++) {
      const rec = cur >= FIRST_NONPRIMITIVE_TYPE ? this.src.record(cur) : undefined;
      if (rec?.kind !== 'modifier') break;
      const isPointer = rec.type >= FIRST_NONPRIMITIVE_TYPE ? this.src.record(rec.type)?.kind === 'pointer' : !!primitiveType(rec.type)?.pointerSize;
      if (isPointer) return cur;
      cur = rec.type;
    }
    return cur;
  }

  /** The type `ti` with the declarator `inner` ("*", "* const", "(*)(int)") bound to it. */
  private declare(ti: number, inner: string, depth: number, dropCv = false): string | undefined {
    if (depth > MAX_TYPE_DEPTH) {
      throw new DumpFormatError('Loop', `PDB types: type 0x${ti.toString(16)} nests more than ${MAX_TYPE_DEPTH} levels deep (a cycle)`);
    }
    if (ti < FIRST_NONPRIMITIVE_TYPE) {
      const p = primitiveType(ti);
      if (!p) return undefined;
      return p.pointerSize ? `${p.base} ${join('*', inner)}` : withInner(p.base, inner);
    }
    const rec = this.src.record(ti);
    if (!rec) return undefined;
    switch (rec.kind) {
      case 'udt':
        return withInner(this.opts.tagKeywords ? `${rec.tag === 'interface' ? '__interface' : rec.tag} ${rec.name}` : rec.name, inner);
      case 'enum':
        return withInner(this.opts.tagKeywords ? `enum ${rec.name}` : rec.name, inner);
      case 'modifier': {
        const cv = [rec.isConst && 'const', rec.isVolatile && 'volatile', rec.isUnaligned && '__unaligned'].filter(Boolean).join(' ');
        if (!cv || dropCv) return this.declare(rec.type, inner, depth + 1, dropCv);
        const target = rec.type >= FIRST_NONPRIMITIVE_TYPE ? this.src.record(rec.type) : undefined;
        // const on a pointer, array or function binds to the declarator; on a named type, to the name.
        if (target && (target.kind === 'pointer' || target.kind === 'array' || target.kind === 'procedure' || target.kind === 'mfunction')) {
          return this.declare(rec.type, join(cv, inner), depth + 1);
        }
        const base = this.declare(rec.type, '', depth + 1);
        return base === undefined ? undefined : withInner(`${base} ${cv}`, inner);
      }
      case 'pointer': {
        let op: string;
        if (rec.mode === CV_PTR_MODE_LVREF) op = '&';
        else if (rec.mode === CV_PTR_MODE_RVREF) op = '&&';
        else if (rec.mode === CV_PTR_MODE_PMEM || rec.mode === CV_PTR_MODE_PMFUNC) {
          const cls = rec.containingClass !== undefined ? this.declare(rec.containingClass, '', depth + 1) : undefined;
          if (cls === undefined) return undefined;
          op = `${cls.replace(/^(struct|class|union|__interface) /, '')}::*`;
        } else op = '*';
        const cv = dropCv ? [] : [rec.isConst && 'const', rec.isVolatile && 'volatile', rec.isRestrict && '__restrict', rec.isUnaligned && '__unaligned'].filter(Boolean);
        return this.declare(rec.type, join([op, ...cv].join(' '), inner), depth + 1);
      }
      case 'array': {
        const elem = this.src.sizeOf(rec.elementType);
        if (!elem) return undefined;
        const bound = `[${Math.floor(rec.size / elem)}]`;
        const d = /^[*&]|::\*/.test(inner) ? `(${inner})${bound}` : `${inner}${bound}`;
        return this.declare(rec.elementType, d, depth + 1);
      }
      case 'procedure': case 'mfunction': {
        const args = this.argumentList(rec.argList, depth + 1);
        if (args === undefined) return undefined;
        return this.declare(rec.returnType, inner ? `(${inner})${args}` : args, depth + 1);
      }
      case 'bitfield':
        return this.declare(rec.type, inner, depth + 1);
      default:
        return undefined;
    }
  }
}

function join(a: string, b: string): string {
  return b ? `${a} ${b}` : a;
}

function withInner(base: string, inner: string): string {
  return inner ? `${base} ${inner}` : base;
}
