import { useState } from 'preact/hooks';
import { api, run } from '../../api/client';
import { Empty, ProblemView, Resource, useLoad } from '../../ui/components';
import { FilterInput, Filters } from '../../ui/filters';
import { ValueField } from '../../ui/fields';
import { SubmissionStatus, handleSubmit, useRows, useSubmission } from '../../ui/forms';
import { useLocation } from '../../ui/router';
import { Table } from '../../ui/table';

function RatesTable({ rates, caption }: { rates: Record<string, string>; caption: string }) {
  return (
    <Table caption={caption} columns={['Currency', 'Units per 1 USD']}>
      {Object.entries(rates).map(([currency, rate]) => (
        <tr key={currency}>
          <th scope="row">{currency}</th>
          <td>{rate}</td>
        </tr>
      ))}
    </Table>
  );
}

/** The operational rates of a month, with its revisions, and the form to set or revise them. */
export function RatesPage() {
  const { query } = useLocation();
  const month = query.get('month') ?? new Date().toISOString().slice(0, 7);
  const rates = useLoad(() => run(api().GET('/exchange-rates/{month}', { params: { path: { month } } })), `rates|${month}`);
  const rows = useRows([{ currency: '', rate: '' }], { currency: '', rate: '' });
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const { submission, problem, send } = useSubmission();
  return (
    <section>
      <Filters>
        <FilterInput id="rates-month" label="Month" name="month" value={month} placeholder="YYYY-MM" />
      </Filters>
      <Resource what={`the rates of ${month}`} loaded={rates} failed={(failure) => (failure.status === 404 ? <Empty>No rates are set for {month}.</Empty> : <ProblemView problem={failure} />)}>
        {(data) => (
          <>
            <RatesTable rates={data.rates} caption={`Rates of ${month} from its first day`} />
            {data.revisions.map((revision) => (
              <RatesTable key={revision.effectiveFrom} rates={revision.rates} caption={`Revision in force from ${revision.effectiveFrom}`} />
            ))}
          </>
        )}
      </Resource>
      <form
        class="card"
        aria-labelledby="rates-form-heading"
        onSubmit={handleSubmit(() => {
          const body = { rates: Object.fromEntries(rows.rows.filter((row) => row.currency !== '').map((row) => [row.currency.trim().toUpperCase(), row.rate.trim()])), ...(effectiveFrom ? { effectiveFrom } : {}) };
          send(
            () => run(api().PUT('/exchange-rates/{month}', { params: { path: { month } }, body })),
            () => {
              rates.reload();
              return `The rates of ${month} are recorded.`;
            },
          );
        })}
      >
        <h2 id="rates-form-heading">Set or revise the rates of {month}</h2>
        {rows.rows.map((row, index) => (
          <div class="row" key={index}>
            <ValueField id={`rate-currency-${index}`} label="Currency" field={`rates.${row.currency}`} problem={problem} value={row.currency} onValue={(currency) => rows.update(index, { currency })} />
            <ValueField id={`rate-value-${index}`} label="Units per 1 USD" field={`rates.${row.currency.toUpperCase()}`} problem={problem} inputMode="decimal" value={row.rate} onValue={(rate) => rows.update(index, { rate })} />
          </div>
        ))}
        <button type="button" class="secondary" onClick={rows.add}>
          Add a currency
        </button>
        <ValueField id="rates-effective-from" label="In force from (a day of the month; empty: its first day)" field="effectiveFrom" problem={problem} type="date" value={effectiveFrom} onValue={setEffectiveFrom} />
        <button type="submit">Record the rates</button>
        <SubmissionStatus submission={submission} fields={['rates', 'effectiveFrom']} />
      </form>
    </section>
  );
}
