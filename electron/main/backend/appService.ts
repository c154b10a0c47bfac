/** app.*: what the renderer needs to know about its host. */
import type { ApiServices, AppInfo } from '../../../shared/api';

export function appService(info: AppInfo): ApiServices['app'] {
  return { info: () => info };
}
