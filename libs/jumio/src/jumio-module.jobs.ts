import { Injectable } from '@nestjs/common';
import { CallbackConfirmation } from './callback/callback-confirmation.service';
import { RetentionService } from './data-protection/retention.service';
import { OutboxRelay } from './events/outbox-relay.service';
import { JumioJobScheduler } from './jobs/job-scheduler';
import { ReconciliationService } from './reconciliation/reconciliation.service';

/**
 * Puts every background worker's jobs on the one scheduler: the callback inbox, reconciliation, the
 * outbox relay and the data-protection job. Each worker says what its jobs are (`jobs()`); only the
 * module's root registers them, so no worker calls the scheduler to register itself and a callback's
 * walk to a decision does not pass through `jobs/` (docs/architecture.md, "Two walks").
 */
@Injectable()
export class JumioBackgroundJobs {
  constructor(
    scheduler: JumioJobScheduler,
    confirmation: CallbackConfirmation,
    reconciliation: ReconciliationService,
    relay: OutboxRelay,
    retention: RetentionService,
  ) {
    for (const worker of [confirmation, reconciliation, relay, retention])
      for (const job of worker.jobs()) scheduler.register(job);
  }
}
