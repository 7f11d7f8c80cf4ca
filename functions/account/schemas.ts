import * as z from 'zod';
import { CurrencySchema, DateSchema, EarmarkSchema, IdSchema, ReasonSchema, ReferenceSchema, isIsoMonth } from './core';

/**
 * Request and response shapes of the account's routes (the OpenAPI document is generated from
 * them). Requests take money as strings and leave the checks that need the currency (minor
 * units, sign, size) to the core, which names the field at fault; a JSON number where money
 * is expected fails here already.
 */
const money = (description: string) =>
  z.string({ error: 'an amount is a decimal string, e.g. "250000.00" (a JSON number is not accepted)' }).max(40).describe(description);
const Usd = z.string().describe('USD with 2 decimals, rounded half-up');
const Money = z.string().describe('Decimal string in the currency\'s minor units');

export const DONOR_TYPES = ['member-state', 'intergovernmental', 'private', 'other'] as const;
export const REMINDER_TYPES = ['unconfirmed-contribution', 'overdue-installment', 'repaired-contribution'] as const;

export const Month = z.string().refine(isIsoMonth, { error: 'not a month (YYYY-MM)' });
export const Year = z.coerce.number().int().min(1900).max(9999).describe('Calendar year, e.g. 2027');

// ---- requests

export const DonorRegistration = z.strictObject({
  donorId: IdSchema,
  name: z.string().trim().min(1).max(200),
  type: z.enum(DONOR_TYPES),
});

export const RatesUpdate = z.strictObject({
  rates: z.record(z.string(), z.string({ error: 'a rate is a decimal string, e.g. "0.9215"' })).describe('Units of the currency per 1 USD'),
  effectiveFrom: DateSchema.optional().describe('A day of the month: a revision in force from that day'),
});

export const PledgeRequest = z.strictObject({
  donorId: IdSchema,
  amount: money('Pledged amount'),
  currency: CurrencySchema,
  pledgedOn: DateSchema,
  earmark: EarmarkSchema.optional(),
  installments: z.array(z.strictObject({ dueOn: DateSchema, amount: money('Installment amount') })).max(120).optional().describe('Must add up to the amount'),
});

export const ContributionRequest = z.strictObject({
  donorId: IdSchema,
  amount: money('Amount paid, as reported'),
  currency: CurrencySchema,
  valueDate: DateSchema,
  reference: ReferenceSchema.describe('Bank or payment reference'),
  pledgeId: IdSchema.optional().describe("The pledge it pays; then it is in the pledge's currency and belongs to the pledge's donor"),
});

export const Confirmation = z.strictObject({ receivedAmount: money('Amount actually received'), receivedOn: DateSchema });
export const Rejection = z.strictObject({ reason: ReasonSchema });
export const Cancellation = z.strictObject({ reason: ReasonSchema });

export const AdjustmentRequest = z
  .strictObject({
    target: z.union([z.strictObject({ pledgeId: IdSchema }), z.strictObject({ contributionId: IdSchema })]),
    amountDelta: z.string({ error: 'a signed decimal string, e.g. "-12.50"' }).max(41).optional().describe("Signed change, in the target's currency"),
    reverse: z.literal(true).optional().describe('Take the whole current amount away'),
    reason: ReasonSchema,
  })
  .refine((body) => (body.amountDelta === undefined) !== (body.reverse === undefined), { error: 'give either amountDelta or reverse: true', path: ['amountDelta'] });

// ---- responses

const RateRef = z.object({ month: z.string(), value: z.string() });
const AdjustmentView = z.object({ adjustmentId: z.string(), amountDelta: z.string(), amountUsdDelta: z.string(), reason: z.string(), recordedAt: z.string(), recordedBy: z.string() });

export const Donor = z
  .object({ donorId: z.string(), name: z.string(), type: z.enum(DONOR_TYPES), registeredAt: z.string(), registeredBy: z.string() })
  .meta({ id: 'Donor' });

export const RateTable = z
  .object({
    month: z.string(),
    rates: z.record(z.string(), z.string()).describe('In force from the first day of the month'),
    revisions: z.array(z.object({ effectiveFrom: z.string(), rates: z.record(z.string(), z.string()) })),
    history: z.array(z.object({ rates: z.record(z.string(), z.string()), effectiveFrom: z.string().optional(), recordedAt: z.string(), recordedBy: z.string() })),
  })
  .meta({ id: 'ExchangeRates' });

export const Pledge = z
  .object({
    pledgeId: z.string(),
    donorId: z.string(),
    amount: Money,
    currency: z.string(),
    pledgedOn: z.string(),
    earmark: z.string().optional(),
    installments: z.array(z.object({ dueOn: z.string(), amount: Money })),
    amountUsd: Usd,
    rate: RateRef,
    status: z.enum(['open', 'fulfilled', 'cancelled']),
    receivedAmount: Money,
    outstandingAmount: Money,
    outstandingUsd: Usd,
    overpaidAmount: Money,
    adjustments: z.array(AdjustmentView),
    recordedAt: z.string(),
    recordedBy: z.string(),
    cancelledReason: z.string().optional(),
  })
  .meta({ id: 'Pledge' });

export const ContributionStatus = z.enum(['reported', 'received', 'rejected']);

export const Contribution = z
  .object({
    contributionId: z.string(),
    donorId: z.string(),
    amount: Money,
    currency: z.string(),
    valueDate: z.string(),
    reference: z.string(),
    pledgeId: z.string().optional(),
    status: ContributionStatus,
    receivedAmount: Money.optional(),
    receivedOn: z.string().optional(),
    amountUsd: Usd.optional(),
    rate: RateRef.optional(),
    receipt: z.object({ number: z.string(), issuedAt: z.string() }).optional(),
    rejectedReason: z.string().optional(),
    adjustments: z.array(AdjustmentView),
    reportedAt: z.string(),
    reportedBy: z.string(),
    confirmedBy: z.string().optional(),
  })
  .meta({ id: 'Contribution' });

const Totals = { pledgedUsd: Usd, receivedUsd: Usd, outstandingUsd: Usd };

export const OverdueInstallment = z.object({
  pledgeId: z.string(),
  donorId: z.string(),
  currency: z.string(),
  dueOn: z.string(),
  amount: Money,
  outstandingAmount: Money,
  outstandingUsd: Usd,
  daysOverdue: z.number().int(),
});

export const Statement = z
  .object({
    donorId: z.string(),
    year: z.number().int().optional(),
    ...Totals,
    pledges: z.array(Pledge),
    contributions: z.array(Contribution),
    overdueInstallments: z.array(OverdueInstallment),
  })
  .meta({ id: 'DonorStatement' });

export const Summary = z
  .object({
    year: z.number().int().optional(),
    ...Totals,
    byDonor: z.array(z.object({ donorId: z.string(), ...Totals })),
    byEarmark: z.array(z.object({ earmark: z.string(), ...Totals })),
  })
  .meta({ id: 'AccountSummary' });

const UsdTotals = z.object(Totals);

export const AccountReport = z
  .object({
    year: z.number().int(),
    contributionsByDonor: z.array(z.object({ donorId: z.string(), name: z.string(), currency: z.string(), amount: Money, amountUsd: Usd })).describe('Received in the year, by donor and currency'),
    pledgesOutstanding: z.array(z.object({ donorId: z.string(), pledgeId: z.string(), outstandingUsd: Usd })).describe("The year's open pledges with something outstanding"),
    byEarmark: z.array(z.object({ earmark: z.string(), ...Totals })),
    totals: UsdTotals.describe("The year's totals: the summary of the year"),
    sinceInception: z.object({ ...Totals, through: z.string() }).describe('Every year up to the end of this one'),
    previousYear: z.object({ year: z.number().int(), totals: UsdTotals, change: UsdTotals.describe('This year less the previous one (signed)') }),
  })
  .meta({ id: 'AccountReport' });

/** A PDF document, sent as bytes (base64 between the function and API Gateway). */
export const PdfDocument = z.string().meta({ format: 'binary', contentMediaType: 'application/pdf' });

export const Reminder = z
  .object({
    reminderId: z.string(),
    type: z.enum(REMINDER_TYPES),
    donorId: z.string(),
    contributionId: z.string().optional(),
    pledgeId: z.string().optional(),
    dueOn: z.string().optional(),
    amount: Money.optional(),
    currency: z.string().optional(),
    round: z.number().int().optional(),
    raisedAt: z.string(),
    message: z.string(),
  })
  .meta({ id: 'Reminder' });

export const AdjustmentResult = z
  .object({
    adjustmentId: z.string(),
    donorId: z.string(),
    target: z.union([z.object({ pledgeId: z.string() }), z.object({ contributionId: z.string() })]),
    amountDelta: z.string(),
    amountUsdDelta: Usd,
    reason: z.string(),
    recordedAt: z.string(),
    recordedBy: z.string(),
    pledge: Pledge.optional(),
    contribution: Contribution.optional(),
  })
  .meta({ id: 'Adjustment' });
