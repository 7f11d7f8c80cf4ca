/**
 * The shapes of ledger entries. The adapters validate what they read back from storage with these
 * schemas; the rules that depend on the rest of the ledger live in ledger.ts.
 */
import * as z from 'zod';
import { isIsoDate, isIsoMonth } from './calendar';
import { currencyRefusal, isCurrency } from './iso4217';
import { isRate } from './rates';

/** Ids are short and plain so they are safe as storage keys, CSV fields and XML attributes. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
export const IdSchema = z.string().regex(ID_PATTERN, { error: 'an id is 1-100 letters, digits, ".", "_", ":" or "-"' });

export const DateSchema = z.string().refine(isIsoDate, { error: 'not a date (YYYY-MM-DD)' });
/** A currency new money can be given in today (requests; new entries are checked in ledger.ts). */
export const CurrencySchema = z.string().superRefine((code, ctx) => {
  const refusal = currencyRefusal(code);
  if (refusal !== undefined) ctx.addIssue({ code: 'custom', message: refusal });
});

/**
 * Stored entries are read with the digits they recorded, so their shape does not depend on the
 * ISO 4217 list of the day: a code withdrawn since (HRK) still reads, and the bounds are fixed
 * (ISO 4217 has never given a currency more than 4 digits).
 */
export const CurrencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, { error: 'not a 3-letter currency code' });
export const MinorUnitsSchema = z.number().int().min(0).max(6);
/** Unsigned decimal; whether its decimals suit the currency is checked against the entry's minor units. */
export const AmountSchema = z.string().regex(/^\d{1,15}(?:\.\d{1,6})?$/, { error: 'not a decimal amount' });
export const SignedAmountSchema = z.string().regex(/^-?\d{1,15}(?:\.\d{1,6})?$/, { error: 'not a signed decimal amount' });
export const UsdSchema = z.string().regex(/^\d{1,16}\.\d{2}$/, { error: 'not a USD amount with 2 decimals' });
export const SignedUsdSchema = z.string().regex(/^-?\d{1,16}\.\d{2}$/, { error: 'not a signed USD amount with 2 decimals' });

// Control characters would break CSV rows and XML exports; line breaks are fine only in reasons.
const singleLine = (max: number) =>
  z.string().min(1).max(max).regex(/^[^\p{Cc}]*$/u, { error: 'must not contain control characters' });
const multiLine = (max: number) =>
  z.string().min(1).max(max).regex(/^(?:[^\p{Cc}]|[\t\n\r])*$/u, { error: 'must not contain control characters' });

export const EarmarkSchema = singleLine(200);
export const ReferenceSchema = singleLine(200);
export const ReasonSchema = multiLine(1000);

export const RateRefSchema = z.strictObject({
  month: z.string().refine(isIsoMonth, { error: 'not a month (YYYY-MM)' }),
  value: z.string().refine(isRate, { error: 'not a rate' }),
});

export const InstallmentSchema = z.strictObject({ dueOn: DateSchema, amount: AmountSchema });

const common = {
  entryId: IdSchema,
  recordedAt: z.iso.datetime(),
  /** The actor (token subject) who appended the entry. */
  recordedBy: singleLine(200),
  donorId: IdSchema,
};

export const PledgeRecordedSchema = z.strictObject({
  kind: z.literal('pledge-recorded'),
  ...common,
  pledgeId: IdSchema,
  amount: AmountSchema,
  currency: CurrencyCodeSchema,
  /** ISO 4217 digits of the currency when recorded; its installments and contributions use them too. */
  minorUnits: MinorUnitsSchema.optional(),
  pledgedOn: DateSchema,
  earmark: EarmarkSchema.optional(),
  installments: z.array(InstallmentSchema).max(120),
  amountUsd: UsdSchema,
  rate: RateRefSchema,
});

export const PledgeCancelledSchema = z.strictObject({
  kind: z.literal('pledge-cancelled'),
  ...common,
  pledgeId: IdSchema,
  reason: ReasonSchema,
});

export const ContributionReportedSchema = z.strictObject({
  kind: z.literal('contribution-reported'),
  ...common,
  contributionId: IdSchema,
  amount: AmountSchema,
  currency: CurrencyCodeSchema,
  /** Digits of the currency when reported (its pledge's, if linked); its confirmation and adjustments use them too. */
  minorUnits: MinorUnitsSchema.optional(),
  valueDate: DateSchema,
  reference: ReferenceSchema,
  pledgeId: IdSchema.optional(),
});

export const ReceiptSchema = z.strictObject({ number: singleLine(100), issuedAt: z.iso.datetime() });

export const ContributionConfirmedSchema = z.strictObject({
  kind: z.literal('contribution-confirmed'),
  ...common,
  contributionId: IdSchema,
  receivedAmount: AmountSchema,
  receivedOn: DateSchema,
  amountUsd: UsdSchema,
  rate: RateRefSchema,
  /** Only on confirmations recorded before receipts became entries of their own (`receipt-issued`). */
  receipt: ReceiptSchema.optional(),
});

/**
 * The receipt of a confirmed contribution: appended after the confirmation committed, so a
 * receipt number is only ever used by a confirmation that is in the ledger.
 */
export const ReceiptIssuedSchema = z.strictObject({
  kind: z.literal('receipt-issued'),
  ...common,
  contributionId: IdSchema,
  receipt: ReceiptSchema,
});

export const ContributionRejectedSchema = z.strictObject({
  kind: z.literal('contribution-rejected'),
  ...common,
  contributionId: IdSchema,
  reason: ReasonSchema,
});

export const AdjustmentTargetSchema = z.union([
  z.strictObject({ pledgeId: IdSchema }),
  z.strictObject({ contributionId: IdSchema }),
]);

/** A correction of a pledge's amount or a contribution's received amount; a reversal cancels it all. */
export const AdjustmentSchema = z.strictObject({
  kind: z.literal('adjustment'),
  ...common,
  adjustmentId: IdSchema,
  target: AdjustmentTargetSchema,
  /** In the target's currency. */
  amountDelta: SignedAmountSchema,
  /** Always the change of the target's USD value at the target's own rate. */
  amountUsdDelta: SignedUsdSchema,
  reason: ReasonSchema,
});

/**
 * Any entry. One written before entries recorded their minor units (no `minorUnits`) is read
 * with today's ISO 4217 digits, so its currency must still be on the list.
 */
export const LedgerEntrySchema = z
  .discriminatedUnion('kind', [
    PledgeRecordedSchema,
    PledgeCancelledSchema,
    ContributionReportedSchema,
    ContributionConfirmedSchema,
    ContributionRejectedSchema,
    ReceiptIssuedSchema,
    AdjustmentSchema,
  ])
  .superRefine((entry, ctx) => {
    if ((entry.kind === 'pledge-recorded' || entry.kind === 'contribution-reported') && entry.minorUnits === undefined && !isCurrency(entry.currency)) {
      ctx.addIssue({ code: 'custom', path: ['minorUnits'], message: `an entry in ${entry.currency} must record its minor units: ISO 4217 no longer gives them` });
    }
  });

export type Installment = z.infer<typeof InstallmentSchema>;
export type Receipt = z.infer<typeof ReceiptSchema>;
export type AdjustmentTarget = z.infer<typeof AdjustmentTargetSchema>;
export type PledgeRecorded = z.infer<typeof PledgeRecordedSchema>;
export type PledgeCancelled = z.infer<typeof PledgeCancelledSchema>;
export type ContributionReported = z.infer<typeof ContributionReportedSchema>;
export type ContributionConfirmed = z.infer<typeof ContributionConfirmedSchema>;
export type ContributionRejected = z.infer<typeof ContributionRejectedSchema>;
export type ReceiptIssued = z.infer<typeof ReceiptIssuedSchema>;
export type Adjustment = z.infer<typeof AdjustmentSchema>;
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
export type EntryKind = LedgerEntry['kind'];

/** Who appends an entry and when; supplied by the adapter. */
export interface EntryMeta {
  entryId: string;
  recordedAt: string;
  recordedBy: string;
}
