import { countFact } from '../../shared/business-metrics';
import { itemsOf } from '../../shared/aws/paging';
import type { DocumentStore } from '../adapters/document-store';
import type { WorkItem, WorkItemStore } from '../adapters/work-item-store';
import type { DocumentRecord, DocumentStatus } from '../core/document';
import { FINAL } from '../core/lifecycle';
import type { DocumentWork } from './close-work';
import type { Clock, DocumentPipeline } from './ports';
import type { PipelineInput } from './submit';
import type { FinishWithdrawal } from './withdraw';

/** The recorded actor of a repair. */
export const RECONCILER_ACTOR = 'reconciler';

/** Statuses in which a document has a pipeline that runs. */
const UNDER_WAY: readonly DocumentStatus[] = ['in-translation', 'in-editing', 'published', 'printing'];

/** At most this many documents and open items of a kind are looked at in one run (the next run goes on). */
const PER_RUN = 500;

export interface Repair {
  documentId: string;
  repair: 'pipeline-started' | 'failed-without-workflow' | 'work-closed' | 'withdrawal-finished';
  detail: string;
}

interface ReconcilerPorts {
  documents: Pick<DocumentStore, 'listDocuments' | 'getDocument' | 'recordEvent' | 'readHistory'>;
  pipeline: DocumentPipeline;
  work: DocumentWork;
  /** The failure step's use case: the document is failed, its open work closed, its symbol freed. */
  markFailed: (documentId: string, failure: { Error?: string; Cause?: string }) => Promise<void>;
  /** The withdrawal's own tail: its execution stopped, its work closed, its symbol freed, its event sent. */
  finishWithdrawal: FinishWithdrawal;
  clock: Clock;
}

/**
 * The scheduled sweep of the documentation chain: what a crash, a lost response or a race left
 * behind is healed here, each repair recorded in the document's history and counted
 * (RepairMade). Every repair is idempotent, and a record in order is left alone:
 * - a document under way whose execution was never started (a crash between the document and
 *   StartExecution): its execution is started, named after it as the submission would have;
 * - a document under way whose execution ended (failed, stopped, timed out without its failure
 *   step): it is failed the way the failure step fails it;
 * - an open job or task whose document is over (withdrawn, failed, completed) or whose execution
 *   no longer runs: nothing will ever wait for it, so it is cancelled;
 * - a withdrawn document whose execution still runs (a crash between the withdrawal's status and
 *   StopExecution): the withdrawal is finished as the withdrawal itself would have.
 */
export function makeReconcile({ documents, pipeline, work, markFailed, finishWithdrawal, clock }: ReconcilerPorts) {
  async function record(repairs: Repair[], repair: Repair): Promise<void> {
    const at = clock().toISOString();
    await documents.recordEvent(repair.documentId, `repaired#${repair.repair}#${at}`, { at, event: 'repaired', actor: RECONCILER_ACTOR, detail: `${repair.repair}: ${repair.detail}` });
    countFact('RepairMade', { documentId: repair.documentId, repair: repair.repair });
    repairs.push(repair);
  }

  async function healDocument(document: DocumentRecord, repairs: Repair[]): Promise<void> {
    const status = await pipeline.status(document.id);
    if (status === 'RUNNING') return;
    if (status === undefined) {
      const input: PipelineInput = { documentId: document.id, targetLanguages: document.targetLanguages };
      await pipeline.start(document.id, input);
      await record(repairs, { documentId: document.id, repair: 'pipeline-started', detail: 'the document had no execution' });
      return;
    }
    // An execution ends only after its document is over (completed, failed, withdrawn): seen over now, it just ended in order.
    const now = await documents.getDocument(document.id, { consistent: true });
    if (!now || !UNDER_WAY.includes(now.status)) return;
    await markFailed(document.id, { Error: 'WorkflowEnded', Cause: `its execution is ${status} while the document is ${now.status}` });
    await record(repairs, { documentId: document.id, repair: 'failed-without-workflow', detail: `its execution is ${status}` });
  }

  async function healWork<T extends WorkItem>(store: WorkItemStore<T>, id: (item: T) => string, repairs: Repair[]): Promise<void> {
    for await (const item of itemsOf((cursor) => store.list('open', 100, cursor), PER_RUN)) {
      const document = await documents.getDocument(item.documentId, { consistent: true });
      const over = !document || FINAL.includes(document.status);
      if (!over && (await pipeline.status(item.documentId)) === 'RUNNING') continue;
      const why = over ? `its document is ${document?.status ?? 'gone'}` : 'its execution no longer runs';
      const closed = await store.transition(id(item), 'open', 'cancelled', { reason: `closed by the reconciler: ${why}`, updatedAt: clock().toISOString() });
      if (closed) await record(repairs, { documentId: item.documentId, repair: 'work-closed', detail: `${id(item)}: ${why}` });
    }
  }

  // Only a withdrawal stops an execution from outside: a completed or failed document's execution ends by itself.
  async function healWithdrawals(repairs: Repair[]): Promise<void> {
    for (const documentId of await pipeline.running(PER_RUN)) {
      const document = await documents.getDocument(documentId, { consistent: true });
      if (document?.status !== 'withdrawn') continue;
      const withdrawal = (await documents.readHistory(documentId)).find((event) => event.event === 'withdrawn');
      await finishWithdrawal(document, withdrawal?.detail, clock().toISOString());
      await record(repairs, { documentId, repair: 'withdrawal-finished', detail: 'its execution was still running' });
    }
  }

  return async (): Promise<{ repairs: Repair[] }> => {
    const repairs: Repair[] = [];
    for (const status of UNDER_WAY) {
      for await (const document of itemsOf((cursor) => documents.listDocuments({ status }, 100, cursor), PER_RUN)) {
        // The index may be behind: the document as it is now decides.
        const current = await documents.getDocument(document.id, { consistent: true });
        if (current && UNDER_WAY.includes(current.status)) await healDocument(current, repairs);
      }
    }
    await healWithdrawals(repairs);
    await healWork(work.translationJobs, (job) => job.jobId, repairs);
    await healWork(work.editingTasks, (task) => task.taskId, repairs);
    await healWork(work.printJobs, (job) => job.jobId, repairs);
    return { repairs };
  };
}
