import { Controller, Get } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { JumioMetrics } from './jumio-metrics';

/**
 * Liveness (the process answers) and readiness (it can serve: the database answers). Jumio's hosts are
 * reported from their circuit breakers, without calling Jumio: an open circuit makes readiness
 * `degraded`, never `down`, because status reads and callbacks keep working while Jumio is away and
 * taking every instance out of the load balancer would turn a Jumio outage into a full one.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly metrics: JumioMetrics,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database').withTimeout(1500),
      () => this.jumioCircuits(),
    ]);
  }

  private jumioCircuits() {
    const circuits = this.metrics.circuits();
    const indicator = this.indicators.check('jumio');
    const failing = circuits.filter(({ state }) => state !== 'closed');
    const hosts = Object.fromEntries(circuits.map(({ host, state }) => [host, state]));
    return failing.length === 0 ? indicator.up({ hosts }) : indicator.degraded({ hosts });
  }
}
