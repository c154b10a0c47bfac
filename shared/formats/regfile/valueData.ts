/**
 * The bytes behind `hex(n):` data, and the registry value they stand for.
 * Strings are UTF-16LE in Version 5.00 files and ANSI in REGEDIT4 files,
 * each ending with one NUL; REG_MULTI_SZ ends with an extra NUL.
 * Data that does not have the shape its type promises stays REG_RAW, so it
 * survives a round trip unchanged.
 */
import type { RegValue } from '../../registry/types';
import { uintLE } from '../common/littleEndian';
import type { RegFileVersion } from './model';
import { RegFileError } from './regFileError';
import { decodeAnsi, decodeUtf16le, encodeAnsi, encodeUtf16le } from './textCodecs';

export const REG_SZ = 1;
export const REG_EXPAND_SZ = 2;
export const REG_BINARY = 3;
export const REG_MULTI_SZ = 7;
export const REG_QWORD = 0xb;

/** Decodes NUL-terminated strings; undefined when the bytes are not a clean list of them. */
function decodeStrings(bytes: Uint8Array, version: RegFileVersion): string[] | undefined {
  if (version === '5.00' && bytes.length % 2 !== 0) return undefined;
  const text = version === '5.00' ? decodeUtf16le(bytes) : decodeAnsi(bytes);
  if (!text.endsWith('\0')) return undefined;
  return text.slice(0, -1).split('\0');
}

function encodeString(text: string, version: RegFileVersion, what: string): Uint8Array {
  return version === '5.00' ? encodeUtf16le(text) : encodeAnsi(text, what);
}

/** `hex:` (typeId undefined) or `hex(typeId):` data → value. */
export function decodeHexData(typeId: number | undefined, bytes: Uint8Array, version: RegFileVersion): RegValue {
  if (typeId === undefined) return { type: 'REG_BINARY', data: bytes };
  const raw: RegValue = { type: 'REG_RAW', typeId, data: bytes };
  switch (typeId) {
    case REG_SZ:
    case REG_EXPAND_SZ: {
      const parts = decodeStrings(bytes, version);
      if (!parts || parts.length !== 1) return raw;
      return { type: typeId === REG_SZ ? 'REG_SZ' : 'REG_EXPAND_SZ', data: parts[0]! };
    }
    case REG_MULTI_SZ: {
      const parts = decodeStrings(bytes, version);
      if (!parts) return raw;
      if (parts.length === 1 && parts[0] === '') return { type: 'REG_MULTI_SZ', data: [] };
      // "a\0b\0" + final "\0" splits into ['a', 'b', '']; any other empty entry is irregular data.
      if (parts[parts.length - 1] !== '' || parts.slice(0, -1).some((p) => p === '')) return raw;
      return { type: 'REG_MULTI_SZ', data: parts.slice(0, -1) };
    }
    case REG_QWORD: {
      if (bytes.length !== 8) return raw;
      return { type: 'REG_QWORD', data: uintLE(bytes, 8) };
    }
    default:
      return raw;
  }
}

/**
 * The `hex(typeId)` form of a value that is written as hex data.
 * `what` names the value for error messages.
 */
export function encodeHexData(value: RegValue, version: RegFileVersion, what: string): { typeId?: number; bytes: Uint8Array } {
  switch (value.type) {
    case 'REG_SZ':
      return { typeId: REG_SZ, bytes: encodeString(noNul(value.data, what) + '\0', version, what) };
    case 'REG_EXPAND_SZ':
      return { typeId: REG_EXPAND_SZ, bytes: encodeString(noNul(value.data, what) + '\0', version, what) };
    case 'REG_MULTI_SZ': {
      for (const s of value.data) {
        noNul(s, what);
        if (s === '') {
          throw new RegFileError('BadValue', `${what}: REG_MULTI_SZ cannot hold an empty string (an empty entry ends the list)`);
        }
      }
      return { typeId: REG_MULTI_SZ, bytes: encodeString(value.data.map((s) => s + '\0').join('') + '\0', version, what) };
    }
    case 'REG_QWORD': {
      if (value.data < 0n || value.data > 0xffffffffffffffffn) {
        throw new RegFileError('BadValue', `${what}: REG_QWORD ${value.data} is outside 0..0xffffffffffffffff`);
      }
      const bytes = new Uint8Array(8);
      for (let i = 0, v = value.data; i < 8; i++, v >>= 8n) bytes[i] = Number(v & 0xffn);
      return { typeId: REG_QWORD, bytes };
    }
    case 'REG_BINARY':
      return { bytes: value.data };
    case 'REG_RAW':
      if (!Number.isInteger(value.typeId) || value.typeId < 0 || value.typeId > 0xffffffff) {
        throw new RegFileError('BadValue', `${what}: registry type id ${value.typeId} is outside 0..0xffffffff`);
      }
      return { typeId: value.typeId, bytes: value.data };
    case 'REG_DWORD':
      throw new RegFileError('Invalid', `${what}: REG_DWORD is written as dword:, not hex`);
  }
}

function noNul(s: string, what: string): string {
  if (s.includes('\0')) throw new RegFileError('BadValue', `${what}: a registry string cannot contain a NUL character`);
  return s;
}
