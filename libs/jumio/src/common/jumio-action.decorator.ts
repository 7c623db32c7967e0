import {
  applyDecorators,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Post,
  type Type,
} from '@nestjs/common';
import { ApiDoc } from './api-docs';

/*
 * Route paths of the private contract. `!` is a literal character of the path; Express 5's router needs
 * it escaped.
 */
export const STATUS_ROUTE = '\\!getScanTransactionStatus';
export const START_ROUTE = '\\!startScanTransaction';
export const SET_REFERENCE_ROUTE = '\\!setScanTransaction';
export const SET_STATUS_ROUTE = '\\!setScanTransactionStatus';
export const INITIATE_ROUTE = '\\!initiate';
export const ACQUISITIONS_ROUTE = '\\!acquisitions';

/** A user's scan state must never be served from a browser's or proxy's cache. */
const NOT_CACHEABLE = Header('Cache-Control', 'no-store');

/** A POST action of the private contract: answers 200 (not Nest's default 201) with `type`. */
export function JumioAction(path: string, type: Type<unknown>): MethodDecorator {
  return applyDecorators(
    Post(path),
    HttpCode(HttpStatus.OK),
    NOT_CACHEABLE,
    ApiDoc((swagger) => swagger.ApiOkResponse({ type })),
  );
}

/** The GET twin of `!getScanTransactionStatus`. */
export function JumioQuery(path: string, type: Type<unknown>): MethodDecorator {
  return applyDecorators(
    Get(path),
    NOT_CACHEABLE,
    ApiDoc((swagger) => swagger.ApiOkResponse({ type })),
  );
}
