import { Inject, Injectable } from '@nestjs/common';
import type { JumioRequest } from '../options/jumio.options';
import { JUMIO_SETTINGS, type JumioSettings, type UserIdResolver } from '../options/jumio-settings';

/** Where `JumioUserGuard` leaves the resolved user id for `@CurrentUserId()`. */
export const JUMIO_USER_ID = Symbol('jumioUserId');

export type RequestWithJumioUser = JumioRequest & { [JUMIO_USER_ID]?: string };

const MAX_USER_ID_LENGTH = 255;

/** Default `resolveUserId`: `request.user.id` as set by the host's authentication (string or number). */
export function defaultResolveUserId(request: JumioRequest): string | undefined {
  type WithUser = { user?: { id?: unknown } };
  // Under Fastify, Nest middleware (e.g. the host's authentication) sets it on the raw Node request.
  const withUser = request as JumioRequest & WithUser & { raw?: WithUser };
  const id = withUser.user?.id ?? withUser.raw?.user?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** What `resolver` (the host's, async allowed) says, when it is a usable id: 1 to 255 characters. */
export async function usableId(
  resolver: UserIdResolver,
  request: JumioRequest,
): Promise<string | undefined> {
  return usable(await resolver(request));
}

/**
 * The same answer as `usableId`, without a promise when the resolver answers synchronously (the default
 * one does): the user guard runs on every private request, and each await is a turn of the event loop.
 */
export function usableIdNow(
  resolver: UserIdResolver,
  request: JumioRequest,
): string | undefined | Promise<string | undefined> {
  const id: unknown = resolver(request);
  return isThenable(id) ? Promise.resolve(id).then(usable) : usable(id);
}

function usable(id: unknown): string | undefined {
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_USER_ID_LENGTH
    ? id
    : undefined;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * The one answer to "who is the current user": the host's `resolveUserId`, default `request.user.id`.
 * The user guard (401 without one), the billable rate limiter (per user, else per address) and, through
 * the guard, the controllers' `@CurrentUserId()` all ask here.
 */
@Injectable()
export class JumioUserIdResolver {
  constructor(@Inject(JUMIO_SETTINGS) private readonly settings: JumioSettings) {}

  /** The current user's id, or undefined when the request has none. */
  resolve(request: JumioRequest): Promise<string | undefined> {
    return usableId(this.settings.scans.resolveUserId, request);
  }

  /** The same answer, synchronously when the host's resolver is synchronous (see `usableIdNow`). */
  resolveNow(request: JumioRequest): string | undefined | Promise<string | undefined> {
    return usableIdNow(this.settings.scans.resolveUserId, request);
  }
}
