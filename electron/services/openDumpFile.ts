import { openDump } from '../../shared/dump/openDump';
import type { Dump } from '../../shared/dump/types';
import { DumpDeskError, isDumpDeskError } from '../../shared/errors';
import { FileByteSource } from './fileByteSource';

/** A dump opened from disk; `close()` releases the file descriptor. */
export interface OpenedDump {
  dump: Dump;
  source: FileByteSource;
  close(): void;
}

/** The file could not be opened or read at all (missing, a directory, no permission). */
export class DumpFileError extends DumpDeskError {
  constructor(readonly path: string, message: string) {
    super('NotFound', message);
  }
}

/**
 * Opens the dump at `path`. Errors name the file: a `DumpFileError` when the
 * file cannot be read, a `DumpFormatError` (message prefixed with the path)
 * when it is not a dump we can read.
 */
export function openDumpFile(path: string): OpenedDump {
  let source: FileByteSource;
  try {
    source = new FileByteSource(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new DumpFileError(path, `${path}: cannot open: ${why}`);
  }
  try {
    const dump = openDump(source);
    return { dump, source, close: () => source.close() };
  } catch (e) {
    source.close();
    if (isDumpDeskError(e)) e.message = `${path}: ${e.message}`;
    throw e;
  }
}
