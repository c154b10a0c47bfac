/**
 * Windows Error Reporting: whether crash reports are sent to Microsoft and
 * what they contain (reference §1.5 "Other WER values"). The same values
 * exist for the machine (HKLM) and for the current user (HKCU); Group
 * Policy may set them too.
 */
import type { RegChange, RegEntry } from '../registry/types';
import { checkChanges } from './checkChanges';
import { matchKey } from './keyPath';
import type { KeySpec } from './keySpec';
import type { SettingProblem } from './problem';
import { decodeFields, encodeFields, getValue, valuesOfKey, type FieldMap } from './registryValues';
import { dwordChoice, dwordNumber, dwordSwitchOf, stringValue } from './valueDef';

export type WerScope = 'machine' | 'user';

export const WER_KEYS: Record<WerScope, string> = {
  machine: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting',
  user: 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\Windows Error Reporting',
};

export type DefaultConsent = 'always-ask' | 'parameters' | 'parameters-and-safe-data' | 'all-data';

export interface WerReportingValues {
  disabled?: boolean;
  dontShowUI?: boolean;
  dontSendAdditionalData?: boolean;
  loggingDisabled?: boolean;
  forceQueue?: boolean;
  disableArchive?: boolean;
  configureArchive?: 'parameters' | 'all-data';
  maxArchiveCount?: number;
  maxQueueCount?: number;
}

export interface WerReportingModel extends WerReportingValues {
  /** Consent\DefaultConsent. */
  defaultConsent?: DefaultConsent;
  /** ExcludedApplications: programs WER never reports. undefined leaves the subkey alone. */
  excludedApplications?: string[];
}

export const WER_FIELDS: FieldMap<WerReportingValues> = {
  disabled: dwordSwitchOf('Disabled', 'Turn off Windows Error Reporting', 'Nothing is sent to Microsoft and no problem dialog is shown. LocalDumps still writes dumps.', 'WER off: nothing is sent', 'WER on', '0'),
  dontShowUI: dwordSwitchOf('DontShowUI', 'Do not show problem dialogs', 'No "program has stopped working" dialog. Reports are still queued or sent as consent allows, silently.', 'no dialog', 'show the dialog', '0'),
  dontSendAdditionalData: dwordSwitchOf('DontSendAdditionalData', 'Send only the first report', 'Never send the second-level data Microsoft asks for (dumps, files): only the problem signature is sent.', 'send no additional data (no dumps)', 'additional data may be sent', '0'),
  loggingDisabled: dwordSwitchOf('LoggingDisabled', 'Do not log to the event log', 'WER writes no Application event for a report.', 'no event log entry', 'log each report', '0'),
  forceQueue: dwordSwitchOf('ForceQueue', 'Always queue reports', 'Reports are put in the queue instead of being sent at once; the user is asked later.', 'queue every report', 'send when allowed', '0'),
  disableArchive: dwordSwitchOf('DisableArchive', 'Do not keep sent reports', 'Reports are not kept in the archive (ReportArchive) after sending.', 'keep no archive', 'keep sent reports', '0'),
  configureArchive: dwordChoice({
    name: 'ConfigureArchive', label: 'What the archive keeps',
    help: 'Whether archived reports keep only their parameters or all their data (dumps included).',
    choices: [
      { code: 1, id: 'parameters', meaning: 'parameters only' },
      { code: 2, id: 'all-data', meaning: 'all data' },
    ],
  }),
  maxArchiveCount: dwordNumber({ name: 'MaxArchiveCount', min: 1, max: 5000, label: 'Reports to archive', help: 'How many reports the archive keeps.', whenAbsent: '1000' }),
  maxQueueCount: dwordNumber({ name: 'MaxQueueCount', min: 1, max: 500, label: 'Reports to queue', help: 'How many reports wait in the queue.', whenAbsent: '50' }),
};

const DEFAULT_CONSENT = dwordChoice<DefaultConsent>({
  name: 'DefaultConsent',
  label: 'What may be sent without asking',
  help: 'Always ask: nothing leaves the machine until the user agrees. Parameters: the problem signature (program, version, module, exception code) is sent without asking. Safe data: also data Microsoft judges free of personal information. All data: anything WER asks for, dumps included.',
  whenAbsent: '1 (always ask)',
  choices: [
    { code: 1, id: 'always-ask', meaning: 'always ask before sending' },
    { code: 2, id: 'parameters', meaning: 'send the problem signature without asking' },
    { code: 3, id: 'parameters-and-safe-data', meaning: 'send the signature and safe data without asking' },
    { code: 4, id: 'all-data', meaning: 'send all data, dumps included, without asking' },
  ],
});

const EXCLUDED = stringValue({
  name: '*',
  label: 'Excluded program',
  help: 'A program whose crashes WER never reports; the value name is the program file name.',
});

export const WER_SPECS: readonly KeySpec[] = (['machine', 'user'] as const).flatMap((scope) => [
  { key: WER_KEYS[scope], title: `Windows Error Reporting (${scope})`, values: Object.values(WER_FIELDS) },
  { key: `${WER_KEYS[scope]}\\Consent`, title: `Windows Error Reporting consent (${scope})`, values: [DEFAULT_CONSENT] },
  { key: `${WER_KEYS[scope]}\\ExcludedApplications`, title: `Programs WER never reports (${scope})`, values: [{ ...EXCLUDED, types: ['REG_SZ', 'REG_DWORD'] }] },
]);

export function werReportingFromRegistry(entries: readonly RegEntry[], scope: WerScope): WerReportingModel {
  const key = WER_KEYS[scope];
  const model: WerReportingModel = decodeFields(valuesOfKey(entries, key), WER_FIELDS);
  const consent = valuesOfKey(entries, `${key}\\Consent`);
  const dc = getValue(consent, DEFAULT_CONSENT.name);
  const decoded = dc ? DEFAULT_CONSENT.decode(dc) : undefined;
  if (decoded) model.defaultConsent = decoded;
  const excluded = entries.filter((e) => matchKey(`${key}\\ExcludedApplications`, e.key));
  if (excluded.length) model.excludedApplications = excluded.map((e) => e.name);
  return model;
}

export function werReportingToRegistry(model: WerReportingModel, scope: WerScope): RegChange[] {
  const key = WER_KEYS[scope];
  const { defaultConsent, excludedApplications, ...values } = model;
  const changes = encodeFields(values, WER_FIELDS, key);
  changes.push(...encodeFields({ defaultConsent }, { defaultConsent: DEFAULT_CONSENT }, `${key}\\Consent`));
  if (excludedApplications) {
    const listKey = `${key}\\ExcludedApplications`;
    changes.push({ op: 'delete-key', key: listKey });
    // UNCONFIRMED: the data of these values is not documented; the name is what counts. We write "1".
    for (const exe of excludedApplications) changes.push({ op: 'set', key: listKey, name: exe, value: { type: 'REG_SZ', data: '1' } });
  }
  return changes;
}

export function validateWerReporting(model: WerReportingModel, scope: WerScope): SettingProblem[] {
  const problems = checkChanges(werReportingToRegistry(model, scope), WER_SPECS);
  for (const exe of model.excludedApplications ?? []) {
    if (!/^[^\\/:*?"<>|]+\.exe$/i.test(exe)) problems.push({ key: `${WER_KEYS[scope]}\\ExcludedApplications`, name: exe, message: `${exe}: an excluded application is a program file name like app.exe, without a folder` });
  }
  return problems;
}

/** What leaves the machine after a crash, in one or two plain sentences. */
export function whatGetsSent(model: WerReportingModel): string {
  if (model.disabled) return 'Nothing is sent: Windows Error Reporting is turned off. Dumps configured in LocalDumps are still written locally.';
  const consent = model.defaultConsent ?? 'always-ask';
  const base: Record<DefaultConsent, string> = {
    'always-ask': 'Nothing is sent until the user agrees in the problem dialog.',
    parameters: 'The problem signature (program, version, faulting module, exception code) is sent without asking; anything more needs the user\'s consent.',
    'parameters-and-safe-data': 'The problem signature and data judged free of personal information are sent without asking; dumps and files need the user\'s consent.',
    'all-data': 'Everything Microsoft asks for, memory dumps included, is sent without asking.',
  };
  let text = base[consent];
  if (model.dontSendAdditionalData) text += ' Additional data (dumps, files) is never sent.';
  if (model.dontShowUI && consent === 'always-ask') text += ' With no dialog shown, nobody is asked, so reports wait in the queue.';
  if (model.excludedApplications?.length) text += ` Never reported: ${model.excludedApplications.join(', ')}.`;
  return text;
}
