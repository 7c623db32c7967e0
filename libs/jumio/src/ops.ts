// `@jumio-service/nestjs/ops`: health, Prometheus metrics, request ids and the per-user rate limit on
// billed routes. Needs @nestjs/terminus and @nestjs/throttler, which a host without this entry never loads.
export { JumioOpsModule } from './observability/jumio-ops.module';
export { JUMIO_OPS_DEFAULTS, type JumioOpsOptions } from './observability/jumio-ops.options';
export { JumioMetrics } from './observability/jumio-metrics';
export { JumioBillable } from './resilience/jumio-billable.decorator';
export { currentRequestId } from './observability/request-context';
export { RequestIdConsoleLogger } from './observability/request-id-console.logger';
