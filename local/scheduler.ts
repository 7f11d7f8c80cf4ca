import type { LambdaRuntime } from './lambda-runtime';
import type { ScheduleSpec } from './template';

/**
 * Runs the template's rate() rules: each invokes its function like EventBridge would. A tick
 * that comes while the schedule's previous run is still going is skipped: at the sub-second
 * intervals the tests set (LOCAL_SCHEDULE_INTERVAL_MS) runs would otherwise pile up, which
 * minutes-apart rates in AWS never do.
 */
export function startSchedules(schedules: ScheduleSpec[], runtime: LambdaRuntime, intervalOverrideMs?: number): () => void {
  const timers = schedules.map((schedule) => {
    let running = false;
    return setInterval(() => {
      if (running) return;
      running = true;
      const event = { version: '0', id: crypto.randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.events', time: new Date().toISOString(), resources: [schedule.name], detail: {} };
      runtime
        .invoke(schedule.functionName, event)
        .catch((error: unknown) => {
          const { name, message } = error instanceof Error ? error : new Error(String(error));
          console.error(`schedule ${schedule.name}: ${name}: ${message}`);
        })
        .finally(() => (running = false));
    }, intervalOverrideMs ?? schedule.everyMs);
  });
  return () => timers.forEach(clearInterval);
}
