import * as z from 'zod';

/** What the contribution intake workflow's states hand to each step (the ASL Payloads), validated strictly. */
const ContributionId = z.string().min(1).max(128);
const Round = z.int().min(1).max(1000);

export const AwaitConfirmationInput = z.strictObject({ contributionId: ContributionId, round: Round, taskToken: z.string().min(1).max(8192) });
export const RemindFinanceInput = z.strictObject({ contributionId: ContributionId, round: Round });

/** The error a rejection closes the wait for confirmation with; the intake workflow catches it. */
export const CONTRIBUTION_REJECTED = 'ContributionRejected';
