import * as z from 'zod';
import type { RouteSpec } from '../shared/http/route';
import { Cursor, Id, Limit, pageOf } from '../shared/http/schemas';
import { SafeUri } from '../shared/uri';
import { DocumentLink, DocumentStatus, DocumentView } from './core/document';
import { HistoryEvent } from './core/history';
import { Language } from './core/language';
import { DocumentSubmission } from './core/submission';
import { Decision, EditingTask, PrintJob, TranslationJob } from './core/work-items';

const SessionCode = z.string().min(1).max(50);
const reads = ['secretariat', 'editor'] as const;

export const submitDocument = {
  method: 'POST', path: '/documents', lambda: 'documents', access: ['secretariat'], idempotent: true,
  summary: 'Submit a document: its translation jobs open at once',
  body: DocumentSubmission, success: { status: 201, schema: DocumentView }, problems: [409, 413, 422],
} as const satisfies RouteSpec;

export const listDocuments = {
  method: 'GET', path: '/documents', lambda: 'documents', access: reads, summary: 'List documents, newest first',
  query: z.strictObject({ status: DocumentStatus.optional(), session: SessionCode.optional(), limit: Limit, cursor: Cursor }),
  success: { status: 200, schema: pageOf(DocumentView) },
} as const satisfies RouteSpec;

const DocumentParams = z.strictObject({ id: Id });

export const getDocument = {
  method: 'GET', path: '/documents/{id}', lambda: 'documents', access: reads, summary: 'Read a document',
  params: DocumentParams, success: { status: 200, schema: DocumentView }, problems: [404],
} as const satisfies RouteSpec;

export const documentHistory = {
  method: 'GET', path: '/documents/{id}/history', lambda: 'documents', access: reads, summary: 'What happened to a document, oldest first',
  params: DocumentParams, success: { status: 200, schema: z.object({ items: z.array(HistoryEvent) }) }, problems: [404],
} as const satisfies RouteSpec;

export const withdrawDocument = {
  method: 'POST', path: '/documents/{id}/withdraw', lambda: 'documents', access: ['secretariat'],
  summary: 'Withdraw a document before publication; its open jobs and tasks close',
  params: DocumentParams, body: z.strictObject({ reason: z.string().min(1).max(1000).optional() }), bodyOptional: true,
  success: { status: 200, schema: DocumentView }, problems: [404, 409],
} as const satisfies RouteSpec;

const JobParams = z.strictObject({ jobId: Id });

export const listTranslationJobs = {
  method: 'GET', path: '/translation-jobs', lambda: 'translation-jobs', access: ['translator'], summary: 'Translation jobs to pull',
  query: z.strictObject({ status: TranslationJob.shape.status.default('open'), limit: Limit, cursor: Cursor }),
  success: { status: 200, schema: pageOf(TranslationJob) },
} as const satisfies RouteSpec;

export const getTranslationJob = {
  method: 'GET', path: '/translation-jobs/{jobId}', lambda: 'translation-jobs', access: ['translator'], summary: 'Read one translation job',
  params: JobParams, success: { status: 200, schema: TranslationJob }, problems: [404],
} as const satisfies RouteSpec;

export const translationHeartbeat = {
  method: 'POST', path: '/translation-jobs/{jobId}/heartbeat', lambda: 'translation-jobs', access: ['translator'],
  summary: 'The job is still being worked on (keeps it from being offered again)',
  params: JobParams, success: { status: 204 }, problems: [404, 409],
} as const satisfies RouteSpec;

export const completeTranslation = {
  method: 'POST', path: '/translation-jobs/{jobId}/complete', lambda: 'translation-jobs', access: ['translator'],
  summary: 'Report the translation done; repeating the same call is harmless',
  params: JobParams, body: z.strictObject({ translatedUri: SafeUri }),
  success: { status: 200, schema: TranslationJob }, problems: [404, 409],
} as const satisfies RouteSpec;

export const failTranslation = {
  method: 'POST', path: '/translation-jobs/{jobId}/fail', lambda: 'translation-jobs', access: ['translator'],
  summary: 'Give the job back; it is offered again as a new job',
  params: JobParams, body: z.strictObject({ reason: z.string().trim().min(1).max(2000) }),
  success: { status: 200, schema: TranslationJob }, problems: [404, 409],
} as const satisfies RouteSpec;

const TaskParams = z.strictObject({ taskId: Id });

export const listEditingTasks = {
  method: 'GET', path: '/editing-tasks', lambda: 'editing-tasks', access: ['editor'], summary: 'Editing tasks, by status and language',
  query: z.strictObject({ status: EditingTask.shape.status.default('open'), language: Language.optional(), limit: Limit, cursor: Cursor }),
  success: { status: 200, schema: pageOf(EditingTask) },
} as const satisfies RouteSpec;

export const decideEditing = {
  method: 'POST', path: '/editing-tasks/{taskId}/decision', lambda: 'editing-tasks', access: ['editor'],
  summary: 'Approve a language version or send it back for revision',
  params: TaskParams, body: z.strictObject({ decision: Decision, comments: z.string().max(5000).optional() }),
  success: { status: 200, schema: EditingTask }, problems: [404, 409],
} as const satisfies RouteSpec;

export const editingHeartbeat = {
  method: 'POST', path: '/editing-tasks/{taskId}/heartbeat', lambda: 'editing-tasks', access: ['editor'],
  summary: 'The task is still being reviewed (keeps it from being reissued)',
  params: TaskParams, success: { status: 204 }, problems: [404, 409],
} as const satisfies RouteSpec;

export const Publication = z
  .object({
    documentId: z.string(),
    symbol: z.string(),
    title: z.string(),
    session: z.string().optional(),
    publishedAt: z.string(),
    languages: z.partialRecord(Language, z.object({ uri: z.string().nullable() })),
    corrects: DocumentLink.optional().describe('A corrigendum: the document it corrects'),
    revises: DocumentLink.optional().describe('A revision: the document it revises'),
    corrigenda: z.array(z.object({ symbol: z.string(), languages: z.array(Language) })).optional().describe('Its published corrigenda, each with the languages it is issued in'),
    supersededBy: DocumentLink.optional().describe('The published revision that supersedes it'),
  })
  .meta({ id: 'Publication' });

export const listPublications = {
  method: 'GET', path: '/publications', lambda: 'publications', access: 'public', summary: 'Published documents, newest first',
  query: z.strictObject({ session: SessionCode.optional(), limit: Limit, cursor: Cursor }),
  success: { status: 200, schema: pageOf(Publication) },
} as const satisfies RouteSpec;

export const listPrintJobs = {
  method: 'GET', path: '/print-jobs', lambda: 'print-jobs', access: ['printer'], summary: 'Print jobs to take',
  query: z.strictObject({ status: PrintJob.shape.status.default('open'), limit: Limit, cursor: Cursor }),
  success: { status: 200, schema: pageOf(PrintJob) },
} as const satisfies RouteSpec;

const PrintParams = z.strictObject({ jobId: Id });

export const completePrinting = {
  method: 'POST', path: '/print-jobs/{jobId}/complete', lambda: 'print-jobs', access: ['printer'],
  summary: 'Report the copies printed; the document becomes completed',
  params: PrintParams, body: z.strictObject({ copiesPrinted: z.int().min(0).max(1_000_000) }),
  success: { status: 200, schema: PrintJob }, problems: [404, 409],
} as const satisfies RouteSpec;

export const printHeartbeat = {
  method: 'POST', path: '/print-jobs/{jobId}/heartbeat', lambda: 'print-jobs', access: ['printer'],
  summary: 'The job is still being printed',
  params: PrintParams, success: { status: 204 }, problems: [404, 409],
} as const satisfies RouteSpec;

export const documentRoutes: RouteSpec[] = [
  submitDocument, listDocuments, getDocument, documentHistory, withdrawDocument,
  listTranslationJobs, getTranslationJob, translationHeartbeat, completeTranslation, failTranslation,
  listEditingTasks, decideEditing, editingHeartbeat, listPublications, listPrintJobs, completePrinting, printHeartbeat,
];
