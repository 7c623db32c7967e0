import type { IncomingMessage, ServerResponse } from 'node:http';

/** Endpoint groups; the fault switch targets the Jumio API groups (not capture pages or control). */
export type RouteGroup =
  | 'initiate'
  | 'acquisitions'
  | 'sdk'
  | 'retrieval'
  | 'delete'
  | 'capture'
  | 'control'
  | 'info'
  /** KYX: the OAuth2 token endpoint and account create/update. */
  | 'oauth'
  | 'accounts';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** Path parameters, e.g. `reference` for `/scans/:reference`. */
  params: Record<string, string>;
  query: URLSearchParams;
}

export type RouteHandler = (context: RequestContext) => Promise<void> | void;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Segments, `:name` for a parameter; a trailing slash on the request is ignored. */
  path: string;
  group: RouteGroup;
  handle: RouteHandler;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

/** A tiny method + path router: enough for a fixed set of Jumio endpoints. */
export class Router {
  private readonly routes: { route: Route; segments: string[] }[] = [];

  add(...routes: Route[]): this {
    for (const route of routes) this.routes.push({ route, segments: splitPath(route.path) });
    return this;
  }

  match(method: string, pathname: string): RouteMatch {
    const segments = splitPath(pathname);
    const allowed: string[] = [];
    for (const { route, segments: pattern } of this.routes) {
      const params = matchSegments(pattern, segments);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', route, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(actual[i]);
      } catch {
        return undefined;
      }
      params[pattern[i].slice(1)] = value;
    } else if (pattern[i] !== actual[i]) {
      return undefined;
    }
  }
  return params;
}
