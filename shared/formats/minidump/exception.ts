import type { StructValue } from '../../bytes/struct';
import type { MinidumpFile } from './minidumpFile';
import { EXCEPTION_MAXIMUM_PARAMETERS, MINIDUMP_EXCEPTION_STREAM } from './structs';
import { StreamType } from './streamTypes';

export type RawException = StructValue<typeof MINIDUMP_EXCEPTION_STREAM.fields>;

export interface DecodedException {
  raw: RawException;
  /** ExceptionInformation[0..NumberParameters), capped at 15. */
  parameters: bigint[];
}

/**
 * Exception stream. NumberParameters above EXCEPTION_MAXIMUM_PARAMETERS (15)
 * is capped with an `ExceptionParameters` diagnostic rather than rejected:
 * the code and address are still right.
 */
export function readException(file: MinidumpFile): DecodedException | undefined {
  const entry = file.stream(StreamType.Exception);
  if (!entry) return undefined;
  if (entry.dataSize < MINIDUMP_EXCEPTION_STREAM.size) file.fail(entry, `${entry.dataSize} bytes, MINIDUMP_EXCEPTION_STREAM needs ${MINIDUMP_EXCEPTION_STREAM.size}`, 'Truncated');
  const raw = MINIDUMP_EXCEPTION_STREAM.read(file.reader, entry.rva);
  let n = raw.NumberParameters;
  if (n > EXCEPTION_MAXIMUM_PARAMETERS) {
    file.diagnostics.push({ level: 'warning', code: 'ExceptionParameters', message: `exception record claims ${n} parameters; the maximum is ${EXCEPTION_MAXIMUM_PARAMETERS}` });
    n = EXCEPTION_MAXIMUM_PARAMETERS;
  }
  const info = new DataView(raw.ExceptionInformation.buffer, raw.ExceptionInformation.byteOffset, raw.ExceptionInformation.byteLength);
  const parameters = Array.from({ length: n }, (_, i) => info.getBigUint64(i * 8, true));
  return { raw, parameters };
}
