/**
 * Object manager structure offsets, Windows 7 (build 7600) and later, per
 * pointer size. They have not moved since Windows 7 introduced TypeIndex and
 * InfoMask (public layouts: ntdiff/headers Win10_1809_RS5/{x64,x86}/System32/
 * ntoskrnl.exe and the Windows 7/8.1 _OBJECT_HEADER dumps); ARM64 uses the x64
 * offsets (same pointer size and natural alignment).
 */
export interface ObjectLayout {
  ptr: number;
  // _OBJECT_HEADER
  pointerCount: number; // PointerCount (LONG_PTR)
  handleCount: number; // HandleCount (LONG_PTR)
  typeIndex: number; // TypeIndex (UCHAR; encoded from Windows 10)
  infoMask: number; // InfoMask (UCHAR: which optional headers precede the header)
  flags: number; // Flags (UCHAR)
  body: number; // Body: the object itself follows the header
  /** Optional header sizes by InfoMask bit: 0x01 _OBJECT_HEADER_CREATOR_INFO, 0x02 _OBJECT_HEADER_NAME_INFO. */
  creatorInfoSize: number;
  nameInfoSize: number;
  // _OBJECT_HEADER_NAME_INFO
  nameInfoDirectory: number; // Directory
  nameInfoName: number; // Name (UNICODE_STRING)
  // _OBJECT_DIRECTORY: HashBuckets[37] at 0
  buckets: number;
  // _OBJECT_DIRECTORY_ENTRY
  entryChainLink: number; // ChainLink
  entryObject: number; // Object
  // _OBJECT_TYPE
  typeName: number; // Name (UNICODE_STRING)
  typeIndexInType: number; // Index (UCHAR)
  // _OBJECT_SYMBOLIC_LINK: CreationTime (LARGE_INTEGER), then LinkTarget (UNICODE_STRING)
  linkTarget: number;
}

const X64: ObjectLayout = {
  ptr: 8, pointerCount: 0, handleCount: 8, typeIndex: 0x18, infoMask: 0x1a, flags: 0x1b, body: 0x30,
  creatorInfoSize: 0x20, nameInfoSize: 0x20, nameInfoDirectory: 0, nameInfoName: 8,
  buckets: 37, entryChainLink: 0, entryObject: 8,
  typeName: 0x10, typeIndexInType: 0x28, linkTarget: 8,
};

const X86: ObjectLayout = {
  ptr: 4, pointerCount: 0, handleCount: 4, typeIndex: 0xc, infoMask: 0xe, flags: 0xf, body: 0x18,
  creatorInfoSize: 0x10, nameInfoSize: 0x10, nameInfoDirectory: 0, nameInfoName: 4,
  buckets: 37, entryChainLink: 0, entryObject: 4,
  typeName: 8, typeIndexInType: 0x14, linkTarget: 8,
};

/** The layout for a kernel, or the reason there is none (pre-Windows 7 headers hold a Type pointer instead). */
export function objectLayout(is64: boolean, build: number): ObjectLayout | string {
  if (build < 7600) return `build ${build} predates Windows 7's object header (TypeIndex/InfoMask); DumpDesk decodes Windows 7 and later`;
  return is64 ? X64 : X86;
}

/** Windows 10 (build 10240) stores TypeIndex XORed with nt!ObHeaderCookie and the header address's second byte. */
export function typeIndexEncoded(build: number): boolean {
  return build >= 10240;
}
