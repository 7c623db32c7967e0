import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CircuitReport, CircuitStateName } from './resilience/jumio-call-policies';

const CIRCUIT_STATE_VALUES: Record<CircuitStateName, number> = {
  closed: 0,
  'half-open': 1,
  open: 2,
  isolated: 3,
};

/**
 * The module's Prometheus metrics, in a registry of their own (one per application, so that two apps in
 * one process, or a host with its own metrics, never collide). `JumioOpsModule` serves it at `/metrics`;
 * a host with its own endpoint can merge `registry` into theirs (`Registry.merge`).
 *
 * Labels carry only bounded enums and route templates: never user ids, references or tokens.
 */
@Injectable()
export class JumioMetrics {
  readonly registry = new Registry();

  private readonly callbacksReceived = new Counter({
    name: 'jumio_callbacks_received_total',
    help: 'Callbacks posted to the callback route, before any check',
    registers: [this.registry],
  });

  private readonly callbacksRejected = new Counter({
    name: 'jumio_callbacks_rejected_total',
    help: 'Callbacks refused at the callback route, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  private readonly callDuration = new Histogram({
    name: 'jumio_call_duration_seconds',
    help: 'Duration of each attempt of an HTTP call to Jumio, by endpoint and outcome',
    labelNames: ['endpoint', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly callErrors = new Counter({
    name: 'jumio_call_errors_total',
    help: 'Failed attempts of HTTP calls to Jumio, by endpoint, error code and upstream HTTP status',
    labelNames: ['endpoint', 'code', 'status'] as const,
    registers: [this.registry],
  });

  private readonly reconciliationBacklog = new Gauge({
    name: 'jumio_reconciliation_backlog',
    help: 'Transactions waiting for a result that reconciliation still has to confirm with Jumio',
    registers: [this.registry],
  });

  private circuitSource: () => CircuitReport[] = () => [];

  constructor() {
    const circuits = () => this.circuits();
    new Gauge({
      name: 'jumio_circuit_state',
      help: 'Circuit breaker state per Jumio host and endpoint group: 0 closed, 1 half-open, 2 open, 3 isolated',
      labelNames: ['host', 'endpoint'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { host, endpoint, state } of circuits())
          this.set({ host, endpoint }, CIRCUIT_STATE_VALUES[state]);
      },
    });
  }

  /** A callback arrived at the callback route (before any check). */
  callbackReceived(): void {
    this.callbacksReceived.inc();
  }

  /** A callback was refused; `reason` is a short fixed code (SOURCE_NOT_ALLOWED, UNKNOWN_TOKEN, ...). */
  callbackRejected(reason: string): void {
    this.callbacksRejected.inc({ reason });
  }

  /** One attempt of a call to Jumio ended (`endpoint` like `GET /api/netverify/v2/scans/:scanReference`). */
  jumioCallEnded(
    endpoint: string,
    seconds: number,
    error?: { code: string; status?: number },
  ): void {
    this.callDuration.observe({ endpoint, outcome: error?.code ?? 'ok' }, seconds);
    if (error) {
      this.callErrors.inc({ endpoint, code: error.code, status: String(error.status ?? 'none') });
    }
  }

  /** For the reconciliation job: how many transactions still wait for a confirmed result. */
  setReconciliationBacklog(count: number): void {
    this.reconciliationBacklog.set(count);
  }

  /** Where the current circuit states come from (the JumioClient's policies). */
  watchCircuits(source: () => CircuitReport[]): void {
    this.circuitSource = source;
  }

  /** Circuit state of each Jumio host and endpoint group called so far. */
  circuits(): CircuitReport[] {
    return this.circuitSource();
  }
}
