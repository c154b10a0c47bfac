/**
 * The preload of every DumpDesk window (sandboxed: only `electron` is
 * available, and esbuild bundles the rest). Exposes the contract as
 * `window.dumpdesk` and nothing else.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { WINDOW_KEY } from '../../shared/api/window';
import { buildWindowApi } from './exposeApi';

const pathForFile = (file: unknown): string => {
  try {
    return webUtils.getPathForFile(file as File);
  } catch {
    return '';
  }
};

contextBridge.exposeInMainWorld(WINDOW_KEY, buildWindowApi(ipcRenderer, pathForFile));
