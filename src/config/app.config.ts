import { Expose, Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, ValidateIf } from 'class-validator';
import { toInt } from './env-transforms';

/** The demo host's own settings. */
export class AppConfig {
  /** HTTP port of the demo app. */
  @Expose()
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'PORT must be an integer' })
  @Min(0, { message: 'PORT must be between 0 and 65535' })
  @Max(65535, { message: 'PORT must be between 0 and 65535' })
  PORT: number = 3000;

  /** PostgreSQL URL; when absent the demo uses SQLite at DATABASE_PATH. */
  @Expose()
  @IsOptional()
  @ValidateIf((_, value) => value !== undefined && value !== '')
  @IsString()
  DATABASE_URL?: string;

  /** SQLite file (default `.data/jumio.sqlite`). */
  @Expose()
  @IsOptional()
  @IsString()
  DATABASE_PATH: string = '.data/jumio.sqlite';
}
