// `@jumio-service/nestjs/ops`: health, Prometheus metrics, request ids and the per-user rate limit on
// billed routes. Needs @nestjs/terminus and @nestjs/throttler, which a host without this entry never loads.
export { JumioOpsModule } from './ops/jumio-ops.module';
export { JUMIO_OPS_DEFAULTS, type JumioOpsOptions } from './ops/jumio-ops.options';
export { JumioMetrics } from './jumio/jumio-metrics';
export { JumioBillable } from './common/jumio-billable.decorator';
export { currentRequestId } from './ops/request-context';
export { RequestIdConsoleLogger } from './ops/request-id-console.logger';
