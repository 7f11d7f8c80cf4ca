import { requireEnv } from '../../shared/config';
import type { TranslationJob } from '../core/work-items';
import { workItemStore } from './work-item-store';

export const translationJobs = workItemStore<TranslationJob>(requireEnv('TRANSLATION_JOBS_TABLE'), 'jobId');
