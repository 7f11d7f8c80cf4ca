import { requireEnv } from '../../shared/config';
import type { EditingTask } from '../core/work-items';
import { workItemStore } from './work-item-store';

// Editors list their open tasks by language: the list order starts with it.
export const editingTasks = workItemStore<EditingTask>(requireEnv('EDITING_TASKS_TABLE'), 'taskId', (task) => `${task.language}#${task.createdAt}`);
