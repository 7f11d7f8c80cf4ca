import { type Schemas, api, run } from '../../api/client';
import { PagedList, usePaged } from '../../ui/components';
import { Money } from '../../ui/money';

/**
 * Reminders the account raised: unconfirmed contributions, overdue installments, and repaired
 * contributions (a contribution whose intake the reconciler had to start).
 */
export function RemindersPage() {
  const paged = usePaged<Schemas['Reminder']>((cursor) => run(api().GET('/account/reminders', { params: { query: cursor ? { cursor } : {} } })), 'reminders');
  return (
    <PagedList
      what="reminders"
      empty="No reminders."
      paged={paged}
      render={(items) => (
        <ul class="reminders">
          {items.map((reminder) => (
            <li key={reminder.reminderId}>
              <time dateTime={reminder.raisedAt}>{reminder.raisedAt}</time> <strong>{reminder.type}</strong> — {reminder.donorId}: {reminder.message}
              {reminder.amount && reminder.currency ? (
                <>
                  {' '}
                  (<Money amount={reminder.amount} currency={reminder.currency} />)
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    />
  );
}
