import { requireEnv } from '../../shared/config';
import type { PrintJob } from '../core/work-items';
import { workItemStore } from './work-item-store';

export const printJobs = workItemStore<PrintJob>(requireEnv('PRINT_JOBS_TABLE'), 'jobId');
