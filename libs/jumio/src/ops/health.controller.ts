import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DatabaseHealth } from '../persistence/database-health';
import { JumioMetrics } from '../jumio/jumio-metrics';

const DATABASE_PROBE_TIMEOUT_MS = 1500;

/**
 * Liveness (the process answers) and readiness (it can serve: the database answers). Jumio's hosts are
 * reported from their circuit breakers, without calling Jumio: an open circuit makes readiness
 * `degraded`, never `down`, because status reads and callbacks keep working while Jumio is away and
 * taking every instance out of the load balancer would turn a Jumio outage into a full one.
 * Bodies say up, down or degraded and nothing more: no driver messages, hosts or addresses.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealth,
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
    return this.health.check([() => this.databaseState(), () => this.jumioCircuits()]);
  }

  private async databaseState() {
    const indicator = this.indicators.check('database');
    return (await this.database.canServe(DATABASE_PROBE_TIMEOUT_MS))
      ? indicator.up()
      : indicator.down();
  }

  private jumioCircuits() {
    const indicator = this.indicators.check('jumio');
    const failing = this.metrics.circuits().filter(({ state }) => state !== 'closed');
    return failing.length === 0
      ? indicator.up()
      : indicator.degraded({ openCircuits: failing.length });
  }
}
