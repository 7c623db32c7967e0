import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  Optional,
  RequestMethod,
} from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import { JumioOptionsError } from '../options/jumio-options.error';
import { CALLBACK_ROUTE, callbackBaseUrlProblems, callbackUrlFor } from '../common/callback-url';

/** The part of Nest's excluded-route metadata read here (`setGlobalPrefix(prefix, { exclude })`). */
interface ExcludedRoute {
  requestMethod: RequestMethod;
  pathRegex: RegExp;
}

/**
 * The callback URL handed to Jumio: `callbackBaseUrl`, then the host's global prefix
 * (`app.setGlobalPrefix('v1')`, unless it excludes the callback route), then the route and the token.
 * The prefix is read from Nest when a URL is built, so it is the one the route is really served under.
 */
@Injectable()
export class CallbackUrlBuilder implements OnApplicationBootstrap {
  constructor(
    @Inject(JUMIO_SETTINGS) private readonly settings: JumioSettings,
    @Optional() private readonly appConfig?: ApplicationConfig,
  ) {}

  /** With the global prefix known, the callback URLs must still be ones Jumio accepts (length). */
  onApplicationBootstrap(): void {
    const problems = callbackBaseUrlProblems(
      this.settings.callbacks.baseUrl,
      this.settings.connection.sandbox,
      this.routePrefix(),
    );
    if (problems.length > 0) throw new JumioOptionsError(problems);
  }

  urlFor(token: string): string {
    return callbackUrlFor(this.settings.callbacks.baseUrl, token, this.routePrefix());
  }

  /** The global prefix the callback route is served under ('' when none or excluded). */
  routePrefix(): string {
    const prefix = this.appConfig?.getGlobalPrefix() ?? '';
    if (prefix === '') return '';
    const excluded = (this.appConfig?.getGlobalPrefixOptions().exclude ?? []) as ExcludedRoute[];
    const path = `/${CALLBACK_ROUTE}/token`;
    const isExcluded = excluded.some(
      (route) =>
        (route.requestMethod === RequestMethod.ALL || route.requestMethod === RequestMethod.POST) &&
        route.pathRegex.test(path),
    );
    return isExcluded ? '' : prefix;
  }
}
