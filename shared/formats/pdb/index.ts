// PDB (MSF 7.00): container, info, DBI, publics, module symbols and lines, types (TPI).
export * from './msf';
export * from './pdbFile';
export * from './dbi';
export * from './infoStream';
export * from './moduleStream';
export * from './publics';
export * from './typeInfo';
export * from './typeStream';
export type { TypeNameOptions } from './typeNames';
export type { TypeRecord, FieldMember, UdtTag } from './typeRecords';
export * from './frameData';
