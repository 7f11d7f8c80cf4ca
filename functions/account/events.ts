import * as z from 'zod';
import { type DomainEvent, eventId } from '../shared/domain-events';
import type { ContributionView, OverdueInstallment } from './core';

/**
 * The article 56 account's domain events, as other systems (the ERP) receive them on the bus:
 * each `detail` carries `eventId` (the fact's identity: the same on a repeat) and the record's id.
 * Money is a decimal string, as everywhere in the API.
 */
const EventId = z.string().describe('The fact\'s identity (`<event>:<record id>[:<due date>]`): a repeat carries the same');
const Money = z.string().describe('Decimal string in the currency\'s minor units');
const Usd = z.string().describe('USD with 2 decimals, rounded half-up');

export const ContributionReportedDetail = z
  .strictObject({
    eventId: EventId,
    contributionId: z.string(),
    donorId: z.string(),
    amount: Money,
    currency: z.string(),
    valueDate: z.string(),
    reference: z.string(),
    pledgeId: z.string().optional(),
    reportedAt: z.string(),
  })
  .meta({ id: 'ContributionReportedEvent', description: 'A donor (or finance for it) reported a payment; it waits for confirmation.' });

export const ContributionReceivedDetail = z
  .strictObject({
    eventId: EventId,
    contributionId: z.string(),
    donorId: z.string(),
    receivedAmount: Money,
    currency: z.string(),
    receivedOn: z.string(),
    amountUsd: Usd,
    rate: z.object({ month: z.string(), value: z.string().describe('Units of the currency per 1 USD') }),
    pledgeId: z.string().optional(),
    receipt: z.object({ number: z.string(), issuedAt: z.string() }),
  })
  .meta({ id: 'ContributionReceivedEvent', description: 'Finance confirmed a contribution against the bank statement and issued its receipt.' });

export const InstallmentOverdueDetail = z
  .strictObject({
    eventId: EventId,
    pledgeId: z.string(),
    donorId: z.string(),
    dueOn: z.string(),
    currency: z.string(),
    amount: Money.describe('The installment as scheduled'),
    outstandingAmount: Money,
    outstandingUsd: Usd,
  })
  .meta({ id: 'InstallmentOverdueEvent', description: 'An installment of an open pledge fell due without being covered by received amounts.' });

export const ACCOUNT_EVENTS = {
  ContributionReported: ContributionReportedDetail,
  ContributionReceived: ContributionReceivedDetail,
  InstallmentOverdue: InstallmentOverdueDetail,
} as const;

type AccountEventType = keyof typeof ACCOUNT_EVENTS;
type Detail<T extends AccountEventType> = Omit<z.input<(typeof ACCOUNT_EVENTS)[T]>, 'eventId'>;
const accountEvent = <T extends AccountEventType>(type: T, id: string, time: string, detail: Detail<T>): DomainEvent<T> => ({ type, id, time, detail });

export const contributionReported = (c: ContributionView) =>
  accountEvent('ContributionReported', eventId('ContributionReported', c.contributionId), c.reportedAt, {
    contributionId: c.contributionId,
    donorId: c.donorId,
    amount: c.amount,
    currency: c.currency,
    valueDate: c.valueDate,
    reference: c.reference,
    ...(c.pledgeId !== undefined && { pledgeId: c.pledgeId }),
    reportedAt: c.reportedAt,
  });

/** Undefined until the contribution is received with its receipt (the fact is both). */
export function contributionReceived(c: ContributionView): DomainEvent<'ContributionReceived'> | undefined {
  const { receivedAmount, receivedOn, amountUsd, rate, receipt } = c;
  if (c.status !== 'received' || !receivedAmount || !receivedOn || !amountUsd || !rate || !receipt) return undefined;
  return accountEvent('ContributionReceived', eventId('ContributionReceived', c.contributionId), receipt.issuedAt, {
    contributionId: c.contributionId,
    donorId: c.donorId,
    receivedAmount,
    currency: c.currency,
    receivedOn,
    amountUsd,
    rate: { ...rate },
    ...(c.pledgeId !== undefined && { pledgeId: c.pledgeId }),
    receipt: { ...receipt },
  });
}

export const installmentOverdue = (x: OverdueInstallment, detectedAt: string) =>
  accountEvent('InstallmentOverdue', eventId('InstallmentOverdue', x.pledgeId, x.dueOn), detectedAt, {
    pledgeId: x.pledgeId,
    donorId: x.donorId,
    dueOn: x.dueOn,
    currency: x.currency,
    amount: x.amount,
    outstandingAmount: x.outstandingAmount,
    outstandingUsd: x.outstandingUsd,
  });
