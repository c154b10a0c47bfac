// PE images: headers and sections (peImage), and one module per directory we decode.
export * from './peImage';
export * from './mappedImageSource';
export * from './exports';
export * from './codeView';
export * from './versionInfo';
export * from './unwindInfo';
