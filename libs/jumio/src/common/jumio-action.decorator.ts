import { applyDecorators, Get, HttpCode, HttpStatus, Post, type Type } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';

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

/** A POST action of the private contract: answers 200 (not Nest's default 201) with `type`. */
export function JumioAction(path: string, type: Type<unknown>): MethodDecorator {
  return applyDecorators(Post(path), HttpCode(HttpStatus.OK), ApiOkResponse({ type }));
}

/** The GET twin of `!getScanTransactionStatus`. */
export function JumioQuery(path: string, type: Type<unknown>): MethodDecorator {
  return applyDecorators(Get(path), ApiOkResponse({ type }));
}
