import type { CommandDef } from '../command';
import { analyze } from './analyze';
import { address, da, dds, displayCommands, dps, dqs, du, search } from './memory';
import { u, ub, uf } from './disasm';
import { cppExpr, evaluateExpr, formats } from './evaluate';
import { bugcheck, cxr, ecxr, error, exr, gle } from './exception';
import { ownKernelCommands } from './kernelCommands';
import { lm, lmi } from './modules';
import { r } from './registers';
import { cls, help, lastevent, processes, quit, reload, sympath, systems, time, vertarget } from './sessionInfo';
import { frame, k } from './stack';
import { ln, x } from './symbols';
import { tilde } from './threads';
import { handle, peb, runaway, teb } from './userMode';

/** Every debugger command, in `.help` order. Adding a command: one file (or one entry) and one line here. */
export const allCommands: readonly CommandDef[] = [
  vertarget, systems, processes, time, lastevent, help, cls, sympath, reload, quit,
  analyze, exr, ecxr, cxr, error, bugcheck,
  lm, lmi, ln, x,
  tilde, k, frame,
  r, ...displayCommands, da, du, dps, dds, dqs, search, address, u, ub, uf,
  evaluateExpr, cppExpr, formats,
  peb, teb, handle, runaway, gle,
  ...ownKernelCommands,
];
