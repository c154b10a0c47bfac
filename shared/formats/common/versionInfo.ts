import { defineStruct } from '../../bytes/struct';

/**
 * Windows structures that more than one format carries verbatim.
 * A minidump's MINIDUMP_MODULE.VersionInfo and a PE image's RT_VERSION
 * resource both hold the same VS_FIXEDFILEINFO.
 */

/** VS_FIXEDFILEINFO (verrsrc.h) — https://learn.microsoft.com/windows/win32/api/verrsrc/ns-verrsrc-vs_fixedfileinfo */
export const VS_FIXEDFILEINFO = defineStruct('VS_FIXEDFILEINFO', [
  ['dwSignature', 'u32'],
  ['dwStrucVersion', 'u32'],
  ['dwFileVersionMS', 'u32'],
  ['dwFileVersionLS', 'u32'],
  ['dwProductVersionMS', 'u32'],
  ['dwProductVersionLS', 'u32'],
  ['dwFileFlagsMask', 'u32'],
  ['dwFileFlags', 'u32'],
  ['dwFileOS', 'u32'],
  ['dwFileType', 'u32'],
  ['dwFileSubtype', 'u32'],
  ['dwFileDateMS', 'u32'],
  ['dwFileDateLS', 'u32'],
] as const);

/** VS_FIXEDFILEINFO.dwSignature. */
export const VS_FFI_SIGNATURE = 0xfeef04bd;
