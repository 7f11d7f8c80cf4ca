import * as path from 'node:path';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { loadStack } from '../../local/template';
import type { LocalStack, Reply, RequestOptions } from './stack';
import { stepFunctions } from './workflow';

/** Clients of the article 56 account. */

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PledgeBody {
  pledgeId: string;
  donorId: string;
  amount: string;
  currency: string;
  amountUsd: string;
  status: string;
  receivedAmount: string;
  outstandingAmount: string;
  outstandingUsd: string;
  [key: string]: unknown;
}

export interface ContributionBody {
  contributionId: string;
  donorId: string;
  status: string;
  amountUsd?: string;
  receipt?: { number: string; issuedAt: string };
  [key: string]: unknown;
}

export interface Totals {
  pledgedUsd: string;
  receivedUsd: string;
  outstandingUsd: string;
}

export interface StatementBody extends Totals {
  donorId: string;
  year?: number;
  pledges: PledgeBody[];
  contributions: ContributionBody[];
  overdueInstallments: { pledgeId: string; dueOn: string; amount: string; outstandingAmount: string; outstandingUsd: string; daysOverdue: number; [key: string]: unknown }[];
}

export interface SummaryBody extends Totals {
  year?: number;
  byDonor: (Totals & { donorId: string })[];
  byEarmark: (Totals & { earmark: string })[];
}

export interface ReminderBody {
  reminderId: string;
  type: string;
  donorId: string;
  pledgeId?: string;
  contributionId?: string;
  dueOn?: string;
  amount?: string;
  message: string;
}

/** A request that must succeed with `status`; anything else fails the test with the reply. */
export async function expectStatus<T>(stack: LocalStack, status: number, method: string, route: string, options: RequestOptions): Promise<T> {
  const reply: Reply<T> = await stack.request<T>(method, route, options);
  if (reply.status !== status) throw new Error(`${method} ${route}: expected ${status}, got ${reply.status} ${reply.text}`);
  return reply.body;
}

/** The account's usual calls, as finance (or the donor whose token is given). */
export function accountClient(stack: LocalStack, finance: string) {
  return {
    setRates: (month: string, rates: Record<string, string>, effectiveFrom?: string) =>
      expectStatus(stack, 200, 'PUT', `/exchange-rates/${month}`, { token: finance, body: { rates, ...(effectiveFrom && { effectiveFrom }) } }),
    registerDonor: (donorId: string, name: string, type = 'member-state') =>
      expectStatus(stack, 201, 'POST', '/donors', { token: finance, body: { donorId, name, type } }),
    pledge: (body: Record<string, unknown>, token = finance) => expectStatus<PledgeBody>(stack, 201, 'POST', '/pledges', { token, body }),
    report: (body: Record<string, unknown>, token = finance) => expectStatus<ContributionBody>(stack, 201, 'POST', '/contributions', { token, body }),
    confirm: (contributionId: string, receivedAmount: string, receivedOn: string) =>
      expectStatus<ContributionBody>(stack, 200, 'POST', `/contributions/${contributionId}/confirm`, { token: finance, body: { receivedAmount, receivedOn } }),
    reject: (contributionId: string, reason: string) => expectStatus<ContributionBody>(stack, 200, 'POST', `/contributions/${contributionId}/reject`, { token: finance, body: { reason } }),
    statement: (donorId: string, year?: number, token = finance) =>
      expectStatus<StatementBody>(stack, 200, 'GET', `/donors/${donorId}/statement${year === undefined ? '' : `?year=${year}`}`, { token }),
    summary: (year?: number) => expectStatus<SummaryBody>(stack, 200, 'GET', `/account/summary${year === undefined ? '' : `?year=${year}`}`, { token: finance }),
    contributions: async (query: string, token = finance) => (await expectStatus<Page<ContributionBody>>(stack, 200, 'GET', `/contributions?limit=100${query}`, { token })).items,
    pledges: async (query: string, token = finance) => (await expectStatus<Page<PledgeBody>>(stack, 200, 'GET', `/pledges?limit=100${query}`, { token })).items,
    reminders: async (query = '') => (await expectStatus<Page<ReminderBody>>(stack, 200, 'GET', `/account/reminders?limit=100${query}`, { token: finance })).items,
  };
}

const model = loadStack(path.join(__dirname, '..', '..', 'cdk.out'), 'UnodcSecretariat');
export const intakeArn = model.stateMachines.find((machine) => machine.name.startsWith('AccountContributionIntake'))?.arn ?? '';
const intakeExecution = (contributionId: string) => `${intakeArn.replace(':stateMachine:', ':execution:')}:${contributionId}`;

export async function intakeStatus(stack: LocalStack, contributionId: string): Promise<string | undefined> {
  const { status } = await stepFunctions(stack).send(new DescribeExecutionCommand({ executionArn: intakeExecution(contributionId) }));
  return status;
}

export async function intakeHistory(stack: LocalStack, contributionId: string): Promise<HistoryEvent[]> {
  const { events = [] } = await stepFunctions(stack).send(new GetExecutionHistoryCommand({ executionArn: intakeExecution(contributionId), maxResults: 1000 }));
  return events;
}

/**
 * A minimal XML well-formedness check (no parser is a dependency): one root, tags balanced and
 * properly nested, attributes quoted, only the five predefined entities or character references.
 */
export function isWellFormedXml(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = token.exec(body)) !== null) {
    consumed = token.lastIndex;
    const [, closing, name, , selfClosing, text] = match;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- an unmatched group is undefined, which RegExpExecArray does not say
    if (text !== undefined) {
      if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) return false;
      if (stack.length === 0 && text.trim() !== '') return false;
      continue;
    }
    if (closing) {
      if (stack.pop() !== name) return false;
      continue;
    }
    if (stack.length === 0) roots += 1;
    if (!selfClosing) stack.push(name);
  }
  return consumed === body.length && stack.length === 0 && roots === 1;
}
