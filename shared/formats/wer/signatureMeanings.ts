/**
 * What each `Sig[i]` of a Report.wer means. The index of a field depends on
 * the event type (APPCRASH puts the exception code at 6, BEX/BEX64 at 7,
 * MoAppCrash at 7 after a package name) and the `Sig[i].Name` text is written
 * in the UI language of the machine. So we resolve by name first, through the
 * table below, and only fall back on the position conventions of the event
 * type for names we do not know (a language we have not seen, or the generic
 * "Problem Signature 01" names some tools write).
 *
 * Sources of the names:
 * - English: the five reports in ../shared/corpus/wer and the Windows
 *   "Problem signature" UI (APPCRASH, BEX64, MoAppCrash); BlueScreen
 *   (BCCode, BCP1..BCP4, OS Version, Service Pack, Product) and
 *   LiveKernelEvent (Code, Parameter 1..4, OS version, …) as documented in
 *   reference/windows-crash-facts.md §1.5 and public reports.
 * - French: corpus/wer/uberalex974_rl_bex64_fr-FR.Report.wer (BEX64, Win11).
 * - Chinese: corpus/wer/mayter_…_zh-CN.Report.wer has English Sig names but
 *   Chinese DynamicSig names (OS 版本, 区域设置 ID). The Chinese Sig names
 *   (应用程序名 …) are those of the zh-CN "Problem signature" dialog and are
 *   not confirmed by a corpus file.
 */

export type SigMeaning =
  | 'packageFullName'
  | 'appName'
  | 'appVersion'
  | 'appTimestamp'
  | 'faultModuleName'
  | 'faultModuleVersion'
  | 'faultModuleTimestamp'
  | 'exceptionCode'
  | 'exceptionOffset'
  | 'exceptionData'
  | 'bugcheckCode'
  | 'bugcheckParam1'
  | 'bugcheckParam2'
  | 'bugcheckParam3'
  | 'bugcheckParam4'
  | 'osVersion'
  | 'servicePack'
  | 'product'
  | 'localeId';

/** Lower-cased, apostrophes unified (French reports use U+2019), spaces collapsed. */
export function normalizeSigName(name: string): string {
  return name.toLowerCase().replace(/[\u2019\u02bc`´]/g, "'").replace(/\s+/g, ' ').trim();
}

const NAMES: Record<SigMeaning, readonly string[]> = {
  packageFullName: ['package full name', 'nom complet du package', '包全名'],
  appName: ['application name', 'nom de l\'application', '应用程序名', '应用程序名称'],
  appVersion: ['application version', 'version de l\'application', '应用程序版本'],
  appTimestamp: ['application timestamp', 'horodatage de l\'application', '应用程序时间戳'],
  faultModuleName: ['fault module name', 'nom du module défaillant', '故障模块名称'],
  faultModuleVersion: ['fault module version', 'version du module défaillant', '故障模块版本'],
  faultModuleTimestamp: ['fault module timestamp', 'horodateur du module défaillant', 'horodatage du module défaillant', '故障模块时间戳'],
  exceptionCode: ['exception code', 'code de l\'exception', 'code d\'exception', '异常代码'],
  exceptionOffset: ['exception offset', 'décalage de l\'exception', '异常偏移'],
  exceptionData: ['exception data', 'données d\'exception', 'données de l\'exception', '异常数据'],
  bugcheckCode: ['bccode', 'code'],
  bugcheckParam1: ['bcp1', 'parameter 1'],
  bugcheckParam2: ['bcp2', 'parameter 2'],
  bugcheckParam3: ['bcp3', 'parameter 3'],
  bugcheckParam4: ['bcp4', 'parameter 4'],
  osVersion: ['os version', 'version du système', 'os 版本', '操作系统版本'],
  servicePack: ['service pack'],
  product: ['product'],
  localeId: ['locale id', 'identificateur de paramètres régionaux', '区域设置 id'],
};

const BY_NAME: ReadonlyMap<string, SigMeaning> = new Map(
  (Object.entries(NAMES) as [SigMeaning, readonly string[]][]).flatMap(([meaning, names]) =>
    names.map((n) => [normalizeSigName(n), meaning] as const),
  ),
);

/** The meaning of a signature name in any language we know, or undefined. */
export function meaningOfName(name: string): SigMeaning | undefined {
  return BY_NAME.get(normalizeSigName(name));
}

const APPCRASH: readonly SigMeaning[] = [
  'appName', 'appVersion', 'appTimestamp', 'faultModuleName', 'faultModuleVersion', 'faultModuleTimestamp',
  'exceptionCode', 'exceptionOffset',
];
// BEX ("buffer overrun / DEP exception"): offset before code, then exception data.
const BEX: readonly SigMeaning[] = [
  'appName', 'appVersion', 'appTimestamp', 'faultModuleName', 'faultModuleVersion', 'faultModuleTimestamp',
  'exceptionOffset', 'exceptionCode', 'exceptionData',
];
// Store apps: the package comes first and the application name is the AUMID part ("praid:App").
const MOAPPCRASH: readonly SigMeaning[] = ['packageFullName', ...APPCRASH];
const KERNEL: readonly SigMeaning[] = [
  'bugcheckCode', 'bugcheckParam1', 'bugcheckParam2', 'bugcheckParam3', 'bugcheckParam4',
  'osVersion', 'servicePack', 'product',
];

const BY_EVENT_TYPE: Record<string, readonly SigMeaning[]> = {
  appcrash: APPCRASH,
  bex: BEX,
  bex64: BEX,
  moappcrash: MOAPPCRASH,
  moappcrashex: MOAPPCRASH,
  bluescreen: KERNEL,
  livekernelevent: KERNEL,
};

/** The position convention of an event type: meaning of Sig[index], or undefined when we do not know it. */
export function meaningOfPosition(eventType: string | null, index: number): SigMeaning | undefined {
  if (!eventType) return undefined;
  return BY_EVENT_TYPE[eventType.toLowerCase()]?.[index];
}
