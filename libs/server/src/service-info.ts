export const SERVICE_INFO = Symbol('SERVICE_INFO');

export interface ServiceInfo {
  /** e.g. `users-api`; names the service in logs, docs and the root document. */
  name: string;
  title: string;
  description: string;
  version: string;
}
