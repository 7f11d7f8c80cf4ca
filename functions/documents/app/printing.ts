import { NotFound } from '../../shared/errors';
import type { WorkItemStore } from '../adapters/work-item-store';
import { FINAL } from '../core/lifecycle';
import { WORKFLOW_ACTOR } from '../core/history';
import { type PrintJob, workItemId } from '../core/work-items';
import type { Clock, DocumentChanges } from './ports';
import type { WorkItemCallbacks } from './work-item-callbacks';

interface PrintHandoffPorts {
  documents: DocumentChanges;
  jobs: WorkItemStore<PrintJob>;
  callbacks: WorkItemCallbacks<PrintJob>;
  clock: Clock;
}

/** Workflow step: one print job for a published document with a print run. */
export function makeOpenPrintJob({ documents, jobs, callbacks, clock }: PrintHandoffPorts) {
  return async (request: { documentId: string; attempt: number; taskToken: string }): Promise<{ jobId: string | null }> => {
    const { documentId, attempt } = request;
    const document = await documents.getDocument(documentId, { consistent: true });
    if (!document) throw new NotFound(`No document ${documentId}`);
    if (FINAL.includes(document.status) || !document.printRun) return { jobId: null };
    const at = clock().toISOString();
    const jobId = workItemId('pj', documentId, attempt);
    await callbacks.closeStale(documentId, jobId, () => true, at, attempt === 1);
    await callbacks.awaitWith(jobId, request.taskToken, at);
    // The document is printing before the job exists: a printer who completes it at once finds it there.
    await documents.changeDocument(documentId, { move: 'start-printing', at });
    const languages = [document.originalLanguage, ...document.targetLanguages];
    const { item: job, created } = await jobs.create({ jobId, documentId, symbol: document.symbol, copies: document.printRun.copies, languages, status: 'open', attempt, createdAt: at, updatedAt: at });
    await documents.recordEvent(documentId, `print-job-opened#${jobId}`, { at, event: 'print-job-opened', actor: WORKFLOW_ACTOR, detail: `${document.printRun.copies} copies` });
    if (await callbacks.closeIfDocumentOver(documentId, jobId, at)) return { jobId: null };
    if (!created) await callbacks.catchUp(job, at);
    return { jobId };
  };
}
