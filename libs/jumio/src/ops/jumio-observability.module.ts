import { Module } from '@nestjs/common';
import { JumioMetrics } from '../jumio/jumio-metrics';

/**
 * Holds what JumioModule records and JumioOpsModule serves. A static module: imported by both, it is
 * instantiated once per application, so they share one `JumioMetrics`.
 */
@Module({ providers: [JumioMetrics], exports: [JumioMetrics] })
export class JumioObservabilityModule {}
