import type { Node } from 'constructs';

/**
 * Deployment settings, from CDK context (`-c name=value` or cdk.json) with the defaults
 * the secretariat works with. Durations of callback tasks stay below 24 days, a limit of
 * the timers of the embedded engine.
 */
export interface Settings {
  translationTimeoutDays: number;
  translationHeartbeatDays: number;
  maxTranslationAttempts: number;
  editingTimeoutDays: number;
  editingHeartbeatDays: number;
  printTimeoutDays: number;
  printHeartbeatDays: number;
  /** How often failed webhook deliveries are retried. */
  redeliveryMinutes: number;
  /** A reported contribution unconfirmed this long (without a finance heartbeat) raises a reminder. */
  intakeReminderDays: number;
  /** ... and this long in any case; then the wait starts again. */
  intakeWaitDays: number;
  /** Reminders per contribution before its intake workflow stops waiting. */
  intakeMaxReminders: number;
  /** How often overdue pledge installments are looked for. */
  overdueCheckMinutes: number;
  /** How often the reconcilers look for work a crash or a race left half done. */
  reconcileMinutes: number;
}

const DEFAULTS: Settings = {
  translationTimeoutDays: 21,
  translationHeartbeatDays: 7,
  maxTranslationAttempts: 5,
  editingTimeoutDays: 21,
  editingHeartbeatDays: 7,
  printTimeoutDays: 21,
  printHeartbeatDays: 7,
  redeliveryMinutes: 5,
  intakeReminderDays: 7,
  intakeWaitDays: 14,
  intakeMaxReminders: 12,
  overdueCheckMinutes: 60,
  reconcileMinutes: 15,
};

export function readSettings(node: Node): Settings {
  const settings = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof Settings)[]) {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined) continue;
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0) throw new Error(`Context ${key} must be a positive integer, got ${JSON.stringify(value)}`);
    settings[key] = number;
  }
  const pairs: [keyof Settings, keyof Settings][] = [
    ['translationHeartbeatDays', 'translationTimeoutDays'],
    ['editingHeartbeatDays', 'editingTimeoutDays'],
    ['printHeartbeatDays', 'printTimeoutDays'],
    ['intakeReminderDays', 'intakeWaitDays'],
  ];
  for (const [heartbeat, timeout] of pairs) {
    if (settings[heartbeat] >= settings[timeout]) throw new Error(`${heartbeat} must be shorter than ${timeout}`);
    if (settings[timeout] > 24) throw new Error(`${timeout} must be at most 24 days`);
  }
  return settings;
}
