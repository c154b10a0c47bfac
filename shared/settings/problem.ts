/** One reason a setting cannot be written: which value, in which key, and why. */
export interface SettingProblem {
  key: string;
  name: string;
  message: string;
}
