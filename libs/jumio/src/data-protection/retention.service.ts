import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JumioJob } from '../jobs/job-scheduler';
import {
  JUMIO_SETTINGS,
  type DataProtectionSettings,
  type JumioSettings,
} from '../options/jumio-settings';
import { ErasureService } from './erasure.service';
import { PersonalDataPurger } from './personal-data.purger';

/** The scheduler's job: retention purge and erasure retries. */
export const DATA_PROTECTION_JOB = 'data protection';

export interface RetentionRunReport {
  /** Results whose extracted data passed `personalDataDays`. */
  expiredResults: number;
  /** Results that arrived for an erased user after the erasure (backstop). */
  lateErasedResults: number;
  /** Raw callback payloads emptied (processed, or older than `rawCallbackHours`). */
  callbackPayloads: number;
  /** Erasure requests whose deletion at Jumio completed in this run. */
  erasuresCompleted: number;
}

/**
 * The data-protection background job: purges personal data past its retention period, empties raw
 * callbacks once processed, and retries erasures at Jumio. Every step is claimed row by row in the
 * database, so any number of instances can run it at the same time. The scheduler's
 * `data protection` job: one run at a time per instance.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);
  private readonly settings: DataProtectionSettings;

  constructor(
    @Inject(JUMIO_SETTINGS) settings: JumioSettings,
    private readonly purger: PersonalDataPurger,
    private readonly erasure: ErasureService,
  ) {
    this.settings = settings.dataProtection;
  }

  /** Its job, put on the scheduler by the module's root (`jumio-module.jobs.ts`). */
  jobs(): JumioJob[] {
    return [
      {
        name: DATA_PROTECTION_JOB,
        intervalMs: this.settings.retentionJobIntervalMs,
        run: () => this.runAndReport(),
      },
    ];
  }

  /** One full run; `now` lets tests move time forward. */
  async runOnce(now = new Date()): Promise<RetentionRunReport> {
    const expiredResults = await this.purger.purgeResults(
      { createdBefore: new Date(now.getTime() - this.settings.personalDataRetentionMs) },
      'RETENTION',
      'PERSONAL_DATA_PURGED',
    );
    const lateErasedResults = await this.purger.purgeResults(
      { erasedUsers: true },
      'ERASURE',
      'PERSONAL_DATA_ERASED',
    );
    const callbackPayloads = await this.purger.purgeCallbackPayloads({
      receivedBefore: new Date(now.getTime() - this.settings.rawCallbackRetentionMs),
    });
    const erasuresCompleted = await this.erasure.retryDue(now);
    return { expiredResults, lateErasedResults, callbackPayloads, erasuresCompleted };
  }

  private async runAndReport(): Promise<void> {
    const report = await this.runOnce();
    if (report.expiredResults || report.lateErasedResults || report.erasuresCompleted) {
      this.logger.log(
        `Purged ${report.expiredResults} expired and ${report.lateErasedResults} erased results; ` +
          `${report.erasuresCompleted} erasures completed at Jumio`,
      );
    }
  }
}
