import type { PrintJob } from '../core/work-items';
import type { StoreOptions } from '../../shared/aws/dynamo';
import { makeWorkItemStore } from './work-item-store';

export const makePrintJobStore = (options: StoreOptions) => makeWorkItemStore<PrintJob>(options, 'jobId');
