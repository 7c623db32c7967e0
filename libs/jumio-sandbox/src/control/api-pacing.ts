import type { FaultGroup } from './scenario';

/**
 * Realistic timing for benchmarks and soaks: a response delay per endpoint group (Jumio's retrieval
 * is not instant). Off by default; `reset()` turns it off. Rate limits live in `rate-limits.ts`.
 */
export class ResponseDelays {
  private readonly delays = new Map<FaultGroup, number>();

  set(group: FaultGroup, ms: number): void {
    if (ms === 0) this.delays.delete(group);
    else this.delays.set(group, ms);
  }

  delayFor(group: string): number {
    return this.delays.get(group as FaultGroup) ?? this.delays.get('all') ?? 0;
  }

  reset(): void {
    this.delays.clear();
  }
}
