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
