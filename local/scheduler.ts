import type { LambdaRuntime } from './lambda-runtime';
import type { ScheduleSpec } from './template';

/** Runs the template's rate() rules: each invokes its function like EventBridge would. */
export function startSchedules(schedules: ScheduleSpec[], runtime: LambdaRuntime, intervalOverrideMs?: number): () => void {
  const timers = schedules.map((schedule) =>
    setInterval(() => {
      const event = { version: '0', id: crypto.randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.events', time: new Date().toISOString(), resources: [schedule.name], detail: {} };
      runtime.invoke(schedule.functionName, event).catch((error: unknown) => {
        const { name, message } = error instanceof Error ? error : new Error(String(error));
        console.error(`schedule ${schedule.name}: ${name}: ${message}`);
      });
    }, intervalOverrideMs ?? schedule.everyMs),
  );
  return () => timers.forEach(clearInterval);
}
