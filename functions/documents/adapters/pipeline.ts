import type { Workflow } from '../../shared/aws/workflow';
import type { DocumentPipeline } from '../app/ports';
import { executionArnFor } from '../app/views';

/** The document pipeline's executions, named after their documents (a second start answers the first). */
export function makeDocumentPipeline(workflow: Workflow, stateMachineArn: string): DocumentPipeline {
  return {
    start: (documentId, input) => workflow.startExecution(stateMachineArn, documentId, input, { tolerateFinished: true }),
    stop: (documentId, cause) => workflow.stopExecution(executionArnFor(stateMachineArn, documentId), cause),
    status: (documentId) => workflow.executionStatus(executionArnFor(stateMachineArn, documentId)),
    running: (max) => workflow.runningExecutions(stateMachineArn, max),
  };
}
