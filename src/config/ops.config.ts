import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { toBool } from './env-transforms';

/** How the demo host runs: HTTP adapter and logs. */
export class OpsConfig {
  /** HTTP adapter: `express` (default) or `fastify`. */
  @Expose()
  @IsOptional()
  @IsIn(['express', 'fastify'], { message: 'HTTP_ADAPTER must be express or fastify' })
  HTTP_ADAPTER: 'express' | 'fastify' = 'express';

  /** `json`: one JSON object per log line, with the request id; `text` (default): Nest's console format. */
  @Expose()
  @IsOptional()
  @IsIn(['text', 'json'], { message: 'LOG_FORMAT must be text or json' })
  LOG_FORMAT: 'text' | 'json' = 'text';

  /** One log line per HTTP request (method, route, status, duration, request id). Default true. */
  @Expose()
  @Transform(toBool)
  @IsOptional()
  @IsBoolean({ message: 'ACCESS_LOG must be "true" or "false"' })
  ACCESS_LOG: boolean = true;
}
