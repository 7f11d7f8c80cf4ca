import type { LocalStack } from './stack';
import { eventually } from './stack';

/** Clients of the documentation chain, answering at once: secretariat, translator, editor, printer. */
export interface Actors {
  secretariat: string;
  translator: string;
  editor: string;
  printer: string;
}

export async function actors(stack: LocalStack): Promise<Actors> {
  const [secretariat, translator, editor, printer] = await Promise.all(['secretariat', 'translator', 'editor', 'printer'].map((role) => stack.token(role)));
  return { secretariat, translator, editor, printer };
}

export interface DocumentBody {
  id: string;
  status: string;
  languages: Record<string, { status: string; translationJobId?: string; uri?: string }>;
  flags: string[];
  [key: string]: unknown;
}

export interface Job {
  jobId: string;
  documentId: string;
  targetLanguage: string;
  status: string;
  round: number;
  attempt: number;
  [key: string]: unknown;
}

export interface Task {
  taskId: string;
  documentId: string;
  language: string;
  status: string;
  [key: string]: unknown;
}

let counter = 0;
/** A valid submission with a fresh symbol. */
export function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    symbol: `CTOC/COSP/2027/${process.pid}.${counter}`,
    title: 'Report of the Conference of the States Parties',
    category: 'pre-session',
    session: { code: 'COSP-1', startsOn: '2027-06-01' },
    originalLanguage: 'en',
    wordCount: 5000,
    origin: 'secretariat',
    sourceUri: 'https://documents.example.org/original.docx',
    ...overrides,
  };
}

export async function submit(stack: LocalStack, who: Actors, overrides: Record<string, unknown> = {}): Promise<DocumentBody> {
  const reply = await stack.request<DocumentBody>('POST', '/documents', { token: who.secretariat, body: submission(overrides) });
  if (reply.status !== 201) throw new Error(`submission refused: ${reply.status} ${reply.text}`);
  return reply.body;
}

export async function readDocument(stack: LocalStack, who: Actors, id: string): Promise<DocumentBody> {
  return (await stack.request<DocumentBody>('GET', `/documents/${id}`, { token: who.secretariat })).body;
}

export function documentReaches(stack: LocalStack, who: Actors, id: string, status: string): Promise<DocumentBody> {
  return eventually(async () => {
    const document = await readDocument(stack, who, id);
    return document.status === status ? document : undefined;
  }, `document ${id} to be ${status}`);
}

async function listAll<T>(stack: LocalStack, token: string, route: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = route.includes('?') ? '&' : '?';
    const reply: { body: { items: T[]; nextCursor: string | null } } = await stack.request('GET', `${route}${separator}limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
    items.push(...reply.body.items);
    cursor = reply.body.nextCursor;
  } while (cursor);
  return items;
}

export const openJobs = (stack: LocalStack, who: Actors, documentId: string) =>
  listAll<Job>(stack, who.translator, '/translation-jobs?status=open').then((jobs) => jobs.filter((job) => job.documentId === documentId));

export const openTasks = (stack: LocalStack, who: Actors, documentId: string) =>
  listAll<Task>(stack, who.editor, '/editing-tasks?status=open').then((tasks) => tasks.filter((task) => task.documentId === documentId));

export const openPrintJobs = (stack: LocalStack, who: Actors, documentId: string) =>
  listAll<Job>(stack, who.printer, '/print-jobs?status=open').then((jobs) => jobs.filter((job) => job.documentId === documentId));

/** Waits until `count` open items exist for the document, and returns them. */
export function waitFor<T>(list: () => Promise<T[]>, count: number, what: string): Promise<T[]> {
  return eventually(async () => {
    const items = await list();
    return items.length === count ? items : undefined;
  }, `${count} ${what}`);
}

export async function translateAll(stack: LocalStack, who: Actors, documentId: string, languages = 5): Promise<void> {
  const jobs = await waitFor(() => openJobs(stack, who, documentId), languages, 'open translation jobs');
  for (const job of jobs) {
    const reply = await stack.request('POST', `/translation-jobs/${job.jobId}/complete`, { token: who.translator, body: { translatedUri: `https://translations.example.org/${job.jobId}` } });
    if (reply.status !== 200) throw new Error(`completion refused: ${reply.status} ${reply.text}`);
  }
}

export async function approveAll(stack: LocalStack, who: Actors, documentId: string, languages = 5): Promise<void> {
  const tasks = await waitFor(() => openTasks(stack, who, documentId), languages, 'open editing tasks');
  for (const task of tasks) {
    const reply = await stack.request('POST', `/editing-tasks/${task.taskId}/decision`, { token: who.editor, body: { decision: 'approve' } });
    if (reply.status !== 200) throw new Error(`decision refused: ${reply.status} ${reply.text}`);
  }
}

export async function printAll(stack: LocalStack, who: Actors, documentId: string, copies: number): Promise<void> {
  const [job] = await waitFor(() => openPrintJobs(stack, who, documentId), 1, 'open print job');
  const reply = await stack.request('POST', `/print-jobs/${job.jobId}/complete`, { token: who.printer, body: { copiesPrinted: copies } });
  if (reply.status !== 200) throw new Error(`print completion refused: ${reply.status} ${reply.text}`);
}
