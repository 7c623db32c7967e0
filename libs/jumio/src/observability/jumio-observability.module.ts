import { Module } from '@nestjs/common';
import { JumioMetrics } from './jumio-metrics';
import { TransactionStateGauge } from './transaction-state.gauge';

/**
 * Holds what JumioModule records and JumioOpsModule serves. A static module: imported by both, it is
 * instantiated once per application, so they share one `JumioMetrics`.
 */
@Module({ providers: [JumioMetrics, TransactionStateGauge], exports: [JumioMetrics] })
export class JumioObservabilityModule {}
