import { Controller, Get, Header } from '@nestjs/common';
import { collectDefaultMetrics } from 'prom-client';
import { JumioMetrics } from '../jumio/jumio-metrics';

/** Prometheus scrape endpoint: the module's metrics plus Node process metrics (memory, CPU, event loop). */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: JumioMetrics) {
    collectDefaultMetrics({ register: metrics.registry });
  }

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
