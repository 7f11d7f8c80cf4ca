import type { EditingTask } from '../core/work-items';
import type { StoreOptions } from '../../shared/aws/dynamo';
import { makeWorkItemStore } from './work-item-store';

// Editors list their open tasks by language: the list order starts with it.
export const makeEditingTaskStore = (options: StoreOptions) => makeWorkItemStore<EditingTask>(options, 'taskId', (task) => `${task.language}#${task.createdAt}`);
