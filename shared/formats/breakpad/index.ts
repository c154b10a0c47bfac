// Breakpad .sym files: parser, writer, and the postfix machine of STACK CFI / STACK WIN.
export * from './symFile';
export * from './symWriter';
export * from './postfix';
export * from './cfiRules';
