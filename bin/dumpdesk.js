#!/usr/bin/env node
// The `dumpdesk` command: plain Node, no Electron, no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
