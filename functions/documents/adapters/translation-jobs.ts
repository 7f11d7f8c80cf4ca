import type { TranslationJob } from '../core/work-items';
import type { StoreOptions } from '../../shared/aws/dynamo';
import { makeWorkItemStore } from './work-item-store';

export const makeTranslationJobStore = (options: StoreOptions) => makeWorkItemStore<TranslationJob>(options, 'jobId');
