import * as z from 'zod';
import { Language } from './core/language';

/** What the pipeline's states hand to each step (the ASL Payloads), validated strictly. */
const Counter = z.int().min(1).max(1000);
const DocumentId = z.string().min(1).max(128);
const TaskToken = z.string().min(1).max(8192);

export const TranslationStepInput = z.strictObject({ documentId: DocumentId, language: Language, round: Counter, attempt: Counter, taskToken: TaskToken });
export const EditingStepInput = TranslationStepInput;
export const PrintStepInput = z.strictObject({ documentId: DocumentId, attempt: Counter, taskToken: TaskToken });
export const PublicationStepInput = z.strictObject({ documentId: DocumentId });
export const FailureStepInput = z.strictObject({
  documentId: DocumentId,
  failure: z.object({ Error: z.string().optional(), Cause: z.string().optional() }),
});
