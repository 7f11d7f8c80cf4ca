import type { WorkItemStore } from '../adapters/work-item-store';
import type { EditingTask, PrintJob, TranslationJob } from '../core/work-items';

export interface DocumentWork {
  translationJobs: WorkItemStore<TranslationJob>;
  editingTasks: WorkItemStore<EditingTask>;
  printJobs: WorkItemStore<PrintJob>;
}

export type CloseOpenWork = (documentId: string, reason: string, at: string) => Promise<void>;

/** Cancels every open job and task of a document (withdrawal, failure); safe to run again. */
export function makeCloseOpenWork({ translationJobs, editingTasks, printJobs }: DocumentWork): CloseOpenWork {
  return async (documentId, reason, at) => {
    const fields = { reason, updatedAt: at };
    const [jobs, tasks, prints] = await Promise.all([
      translationJobs.forDocument(documentId),
      editingTasks.forDocument(documentId),
      printJobs.forDocument(documentId),
    ]);
    await Promise.all([
      ...jobs.filter((job) => job.status === 'open').map((job) => translationJobs.transition(job.jobId, 'open', 'cancelled', fields)),
      ...tasks.filter((task) => task.status === 'open').map((task) => editingTasks.transition(task.taskId, 'open', 'cancelled', fields)),
      ...prints.filter((job) => job.status === 'open').map((job) => printJobs.transition(job.jobId, 'open', 'cancelled', fields)),
    ]);
  };
}
