import { editingTasks } from '../adapters/editing-tasks';
import { printJobs } from '../adapters/print-jobs';
import { translationJobs } from '../adapters/translation-jobs';

/** Cancels every open job and task of a document (withdrawal, failure); safe to run again. */
export async function closeOpenWork(documentId: string, reason: string, at: string): Promise<void> {
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
}
