import * as z from 'zod';
import type { RouteSpec } from '../shared/http/route';
import { Cursor, Id, Limit, pageOf } from '../shared/http/schemas';
import { IdSchema } from './core';
import {
  AccountReport,
  AdjustmentRequest,
  AdjustmentResult,
  Cancellation,
  Confirmation,
  Contribution,
  ContributionRequest,
  ContributionStatus,
  Donor,
  DonorRegistration,
  Month,
  PdfDocument,
  Pledge,
  PledgeRequest,
  RateTable,
  RatesUpdate,
  REMINDER_TYPES,
  Rejection,
  Reminder,
  Statement,
  Summary,
  Year,
} from './schemas';

/**
 * The article 56 account. `finance` everywhere; a `donor` token only for its own donorId, in a
 * path, a query or a body, and lists show it only its own records (the use cases check
 * ownership: the roles here only say who may call at all).
 */
const finance = ['finance'] as const;
const financeOrDonor = ['finance', 'donor'] as const;

const MonthParams = z.strictObject({ month: Month });
const DonorParams = z.strictObject({ donorId: IdSchema });
const RecordParams = z.strictObject({ id: Id });

export const setExchangeRates = {
  method: 'PUT', path: '/exchange-rates/{month}', lambda: 'account-rates', access: finance,
  summary: "Set a month's UN operational rates (units per USD), or a revision in force from effectiveFrom",
  params: MonthParams, body: RatesUpdate, success: { status: 200, schema: RateTable }, problems: [409, 413],
} as const satisfies RouteSpec;

export const getExchangeRates = {
  method: 'GET', path: '/exchange-rates/{month}', lambda: 'account-rates', access: financeOrDonor,
  summary: "A month's rates, its revisions and the history of their changes",
  params: MonthParams, success: { status: 200, schema: RateTable }, problems: [404],
} as const satisfies RouteSpec;

export const registerDonor = {
  method: 'POST', path: '/donors', lambda: 'account-donors', access: finance, idempotent: true,
  summary: 'Register a donor; the same registration again answers the same donor',
  body: DonorRegistration, success: { status: 201, schema: Donor }, problems: [409, 413, 422],
} as const satisfies RouteSpec;

export const listDonors = {
  method: 'GET', path: '/donors', lambda: 'account-donors', access: financeOrDonor,
  summary: 'Donors by id (a donor sees only itself)',
  query: z.strictObject({ limit: Limit, cursor: Cursor }), success: { status: 200, schema: pageOf(Donor) },
} as const satisfies RouteSpec;

export const getDonor = {
  method: 'GET', path: '/donors/{donorId}', lambda: 'account-donors', access: financeOrDonor, summary: 'Read a donor',
  params: DonorParams, success: { status: 200, schema: Donor }, problems: [404],
} as const satisfies RouteSpec;

export const donorStatement = {
  method: 'GET', path: '/donors/{donorId}/statement', lambda: 'account-donors', access: financeOrDonor,
  summary: "A donor's statement: pledged, received and outstanding in USD, its pledges, contributions and overdue installments",
  params: DonorParams, query: z.strictObject({ year: Year.optional() }), success: { status: 200, schema: Statement }, problems: [404],
} as const satisfies RouteSpec;

export const donorStatementPdf = {
  method: 'GET', path: '/donors/{donorId}/statement.pdf', lambda: 'account-printouts', access: financeOrDonor,
  summary: "The donor's statement as a PDF (real text): the same figures as GET /donors/{donorId}/statement",
  params: DonorParams, query: z.strictObject({ year: Year.optional() }),
  success: { status: 200, schema: PdfDocument, contentType: 'application/pdf', description: 'The statement, application/pdf' }, problems: [404],
} as const satisfies RouteSpec;

export const recordPledge = {
  method: 'POST', path: '/pledges', lambda: 'account-pledges', access: financeOrDonor, idempotent: true,
  summary: 'Record a pledge, valued at the rate in force on pledgedOn; installments must add up to the amount',
  body: PledgeRequest, success: { status: 201, schema: Pledge }, problems: [404, 409, 413, 422],
} as const satisfies RouteSpec;

export const listPledges = {
  method: 'GET', path: '/pledges', lambda: 'account-pledges', access: financeOrDonor,
  summary: 'Pledges, newest first (open ones by next installment due); a donor sees only its own',
  query: z.strictObject({ donorId: IdSchema.optional(), status: z.enum(['open', 'fulfilled', 'cancelled']).optional(), limit: Limit, cursor: Cursor }),
  success: { status: 200, schema: pageOf(Pledge) },
} as const satisfies RouteSpec;

export const getPledge = {
  method: 'GET', path: '/pledges/{id}', lambda: 'account-pledges', access: financeOrDonor, summary: 'Read a pledge, with what was received on it',
  params: RecordParams, success: { status: 200, schema: Pledge }, problems: [404],
} as const satisfies RouteSpec;

export const cancelPledge = {
  method: 'POST', path: '/pledges/{id}/cancel', lambda: 'account-pledges', access: finance, idempotent: true,
  summary: 'Cancel a pledge nothing was received on (a new ledger entry)',
  params: RecordParams, body: Cancellation, success: { status: 200, schema: Pledge }, problems: [404, 409, 413, 422],
} as const satisfies RouteSpec;

export const reportContribution = {
  method: 'POST', path: '/contributions', lambda: 'account-contributions', access: financeOrDonor, idempotent: true,
  summary: 'Report a payment; it waits for finance to confirm it (reminders when it waits too long)',
  body: ContributionRequest, success: { status: 201, schema: Contribution }, problems: [404, 409, 413, 422],
} as const satisfies RouteSpec;

export const listContributions = {
  method: 'GET', path: '/contributions', lambda: 'account-contributions', access: financeOrDonor,
  summary: 'Contributions, newest value date first; a donor sees only its own',
  query: z.strictObject({ donorId: IdSchema.optional(), status: ContributionStatus.optional(), limit: Limit, cursor: Cursor }),
  success: { status: 200, schema: pageOf(Contribution) },
} as const satisfies RouteSpec;

export const getContribution = {
  method: 'GET', path: '/contributions/{id}', lambda: 'account-contributions', access: financeOrDonor, summary: 'Read a contribution',
  params: RecordParams, success: { status: 200, schema: Contribution }, problems: [404],
} as const satisfies RouteSpec;

export const confirmContribution = {
  method: 'POST', path: '/contributions/{id}/confirm', lambda: 'account-contributions', access: finance, idempotent: true,
  summary: 'Confirm receipt against the bank statement: USD value at the rate of receivedOn, and a receipt; repeating it answers the same',
  params: RecordParams, body: Confirmation, success: { status: 200, schema: Contribution }, problems: [404, 409, 413, 422],
} as const satisfies RouteSpec;

export const rejectContribution = {
  method: 'POST', path: '/contributions/{id}/reject', lambda: 'account-contributions', access: finance, idempotent: true,
  summary: 'Reject a reported contribution (it counts nowhere)',
  params: RecordParams, body: Rejection, success: { status: 200, schema: Contribution }, problems: [404, 409, 413, 422],
} as const satisfies RouteSpec;

export const contributionReceipt = {
  method: 'GET', path: '/contributions/{id}/receipt.pdf', lambda: 'account-printouts', access: financeOrDonor,
  summary: 'The receipt of a received contribution as a PDF (real text): number, donor, amount in its currency and in USD with the rate, date received',
  params: RecordParams, success: { status: 200, schema: PdfDocument, contentType: 'application/pdf', description: 'The receipt, application/pdf' }, problems: [404, 409],
} as const satisfies RouteSpec;

export const contributionHeartbeat = {
  method: 'POST', path: '/contributions/{id}/heartbeat', lambda: 'account-contributions', access: finance,
  summary: 'Finance is checking it: postpones the reminder of a contribution waiting for confirmation',
  params: RecordParams, success: { status: 204 }, problems: [404, 409],
} as const satisfies RouteSpec;

export const recordAdjustment = {
  method: 'POST', path: '/adjustments', lambda: 'account-adjustments', access: finance, idempotent: true,
  summary: "Correct a pledge or a received contribution with a new entry (a signed delta, or a reversal of its whole amount)",
  body: AdjustmentRequest, success: { status: 201, schema: AdjustmentResult }, problems: [404, 409, 413, 422],
} as const satisfies RouteSpec;

export const accountSummary = {
  method: 'GET', path: '/account/summary', lambda: 'account-reports', access: finance,
  summary: 'Account totals in USD (of a year: pledges by pledgedOn, receipts by receivedOn), by donor and by earmark',
  query: z.strictObject({ year: Year.optional() }), success: { status: 200, schema: Summary },
} as const satisfies RouteSpec;

export const accountExport = {
  method: 'GET', path: '/account/export', lambda: 'account-reports', access: finance,
  summary: 'Export the pledges and received contributions: CSV (text/csv) or IATI activity XML (application/xml)',
  query: z.strictObject({ format: z.enum(['csv', 'iati']), year: Year.optional() }),
  success: { status: 200, schema: z.string(), contentType: 'text/csv', description: 'text/csv for format=csv, application/xml (IATI 2.03 activity) for format=iati' },
} as const satisfies RouteSpec;

export const accountReportRoute = {
  method: 'GET', path: '/account/report', lambda: 'account-reports', access: finance,
  summary: "The tables of the Secretary-General's report on the account for a year: contributions by donor, outstanding pledges, by earmark, totals, since inception, change from the previous year",
  query: z.strictObject({ year: Year, format: z.enum(['json', 'csv']).default('json') }),
  success: { status: 200, schema: AccountReport, description: 'application/json, or for format=csv the same tables as text/csv (one row per table row, the table named in the first column)' },
  alternatives: [{ contentType: 'text/csv', schema: z.string() }],
} as const satisfies RouteSpec;

export const listReminders = {
  method: 'GET', path: '/account/reminders', lambda: 'account-reports', access: finance,
  summary: 'Reminders for finance, newest first: contributions waiting for confirmation, overdue installments',
  query: z.strictObject({ type: z.enum(REMINDER_TYPES).optional(), limit: Limit, cursor: Cursor }),
  success: { status: 200, schema: pageOf(Reminder) },
} as const satisfies RouteSpec;

export const accountRoutes: RouteSpec[] = [
  setExchangeRates, getExchangeRates, registerDonor, listDonors, getDonor, donorStatement,
  recordPledge, listPledges, getPledge, cancelPledge,
  reportContribution, listContributions, getContribution, confirmContribution, rejectContribution, contributionHeartbeat,
  recordAdjustment, accountSummary, accountExport, listReminders,
  contributionReceipt, donorStatementPdf, accountReportRoute,
];
