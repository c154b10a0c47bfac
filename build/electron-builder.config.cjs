/* global module -- CommonJS: electron-builder loads this file with require() */
// electron-builder configuration for `npm run dist` (see build/dist.ts).
// Checked against electron-builder's own JSON schema by
// tests/unit/electron/main/packaging.test.ts; `electron-builder --dir` cannot run
// on machines without the Electron binary (offline installs, CI here).
//
// Why these choices:
// - requestedExecutionLevel "asInvoker": reading dumps and history needs no
//   rights; writing crash settings (HKLM) and running verifier.exe do, and the
//   settings page asks the user to restart DumpDesk as administrator for
//   those — a UAC prompt at every start would be hostile to a viewer.
// - perMachine NSIS install: the file association for .dmp is machine-wide,
//   like the dumps in %SystemRoot%\Minidump it is mostly used on.
// - asarUnpack: regedit runs its .wsf/.vbs scripts with cscript.exe, which
//   cannot read inside an asar; better-sqlite3's .node must be a real file.
// - npmRebuild: native modules are rebuilt for Electron's ABI only here, at
//   packaging time (build/dist.ts restores Node's ABI afterwards for the tests).

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.dumpdesk.app',
  productName: 'DumpDesk',
  copyright: 'Copyright © DumpDesk contributors',
  directories: { output: 'release', buildResources: 'build' },
  files: ['package.json', 'dist/electron/**/*', 'dist/renderer/**/*', 'resources/icons/**/*', 'resources/knowledge/**/*', 'resources/samples/**/*', '!**/*.map'],
  extraMetadata: { main: 'dist/electron/main.cjs' },
  asar: true,
  asarUnpack: ['node_modules/regedit/vbs/**/*', 'node_modules/better-sqlite3/**/*.node'],
  npmRebuild: true,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  fileAssociations: [
    {
      ext: ['dmp', 'mdmp', 'hdmp'],
      name: 'Crash dump',
      description: 'Windows crash dump',
      role: 'Viewer',
      icon: 'resources/icons/dumpdesk',
    },
  ],
  win: {
    target: [
      { target: 'nsis', arch: ['x64', 'arm64'] },
      { target: 'portable', arch: ['x64'] },
    ],
    icon: 'resources/icons/dumpdesk.png',
    executableName: 'DumpDesk',
    requestedExecutionLevel: 'asInvoker',
  },
  nsis: {
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'DumpDesk',
    artifactName: '${productName}-Setup-${version}-${arch}.${ext}',
  },
  portable: {
    artifactName: '${productName}-${version}-portable.${ext}',
    requestExecutionLevel: 'user',
  },
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'resources/icons/dumpdesk.png',
    category: 'Development',
    // The command the issue names: `dumpdesk-app FILE.dmp` (the CLI is `dumpdesk`).
    executableName: 'dumpdesk-app',
    synopsis: 'Windows crash dumps without WinDbg',
    description: 'A desktop workstation for Windows crash dumps: crash history, WinDbg-style analysis, crash settings and Driver Verifier.',
    mimeTypes: ['application/x-windows-crash-dump'],
  },
  deb: {
    maintainer: 'DumpDesk contributors <dumpdesk@example.org>',
    priority: 'optional',
  },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  mac: {
    target: ['dmg'],
    icon: 'resources/icons/dumpdesk.png',
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
  },
  dmg: { title: '${productName} ${version}' },
};
