/** Owners of the documentation chain's task tokens (functions/shared/aws/task-tokens.ts stores them). */
export const tokenOwner = {
  translationJob: (jobId: string) => `translation-job#${jobId}`,
  editingTask: (taskId: string) => `editing-task#${taskId}`,
  printJob: (jobId: string) => `print-job#${jobId}`,
};
