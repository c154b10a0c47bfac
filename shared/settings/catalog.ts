/**
 * Every registry key DumpDesk knows, for describe.ts and validate.ts.
 * Add a model's KeySpec here when the model is added.
 */
import { AEDEBUG_SPECS } from './aeDebug';
import { CRASH_CONTROL_SPEC } from './crashControl';
import { CRASH_ON_CTRL_SCROLL_SPECS } from './crashOnCtrlScroll';
import { DRWATSON_SPEC } from './drWatson';
import type { KeySpec } from './keySpec';
import { memoryManagementSpec } from './pagefile';
import { VERIFY_DRIVER_LEVEL, VERIFY_DRIVERS } from './verifier';
import { LOCAL_DUMPS_SPECS } from './werLocalDumps';
import { WER_SPECS } from './werReporting';

export const KNOWN_KEYS: readonly KeySpec[] = [CRASH_CONTROL_SPEC, memoryManagementSpec([VERIFY_DRIVERS, VERIFY_DRIVER_LEVEL]), ...AEDEBUG_SPECS, ...LOCAL_DUMPS_SPECS, ...WER_SPECS, ...CRASH_ON_CTRL_SCROLL_SPECS, DRWATSON_SPEC];
