import type { JumioModuleOptions } from './jumio.options';

/**
 * Which work an instance does (option `instanceRole`):
 * - `all` (default): answers requests and runs the background work (callback inbox, reconciliation,
 *   outbox relay, retention);
 * - `api`: answers requests only; the callbacks it stores are processed by instances running `all` or
 *   `worker` (at least one must run), and it starts no timer;
 * - `worker`: background work only, the callback inbox drained continuously. The host sends it no traffic.
 */
export type JumioInstanceRole = 'all' | 'api' | 'worker';
export const JUMIO_INSTANCE_ROLES: readonly JumioInstanceRole[] = ['all', 'api', 'worker'];

export function instanceRole(options: Pick<JumioModuleOptions, 'instanceRole'>): JumioInstanceRole {
  const role = options.instanceRole ?? 'all';
  if (!JUMIO_INSTANCE_ROLES.includes(role)) {
    throw new Error(
      `JumioModule: instanceRole must be one of ${JUMIO_INSTANCE_ROLES.join(', ')}, got ${String(role)}`,
    );
  }
  return role;
}

/** Whether this instance runs the background timers (every role but `api`). */
export function runsBackgroundWork(options: Pick<JumioModuleOptions, 'instanceRole'>): boolean {
  return instanceRole(options) !== 'api';
}

/** A timer's interval, or 0 (off) on an API-only instance. */
export function backgroundIntervalMs(
  options: Pick<JumioModuleOptions, 'instanceRole'>,
  intervalMs: number,
): number {
  return runsBackgroundWork(options) ? intervalMs : 0;
}
