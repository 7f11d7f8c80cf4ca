import { useEffect, useState } from 'preact/hooks';
import { type Problem, api, run } from '../../api/client';
import { Empty, ProblemView, Resource, useLoad } from '../../ui/components';
import { YearFilter, useYear } from '../../ui/filters';
import { MoneyCell, UsdTotals } from '../../ui/money';
import { Table } from '../../ui/table';

/** A file the API answers (CSV, IATI XML), fetched with the person's token and offered as a download. */
function Download({ format, year, label }: { format: 'csv' | 'iati'; year: number; label: string }) {
  const [state, setState] = useState<{ url?: string; problem?: Problem; busy?: boolean }>({});
  useEffect(() => () => {
    if (state.url) URL.revokeObjectURL(state.url);
  }, [state.url]);
  const file = `article-56-${year}.${format === 'csv' ? 'csv' : 'xml'}`;
  return (
    <div class="download">
      <button
        type="button"
        disabled={state.busy}
        onClick={() => {
          setState({ busy: true });
          void run(api().GET('/account/export', { params: { query: { format, year } }, parseAs: 'blob' })).then((result) => {
            setState(result.ok ? { url: URL.createObjectURL(result.data) } : { problem: result.problem });
          });
        }}
      >
        Prepare {label}
      </button>
      {state.url ? (
        <a href={state.url} download={file}>
          Download {file}
        </a>
      ) : null}
      {state.problem ? <ProblemView problem={state.problem} /> : null}
    </div>
  );
}

/** The year's totals, by donor and by earmark, and the exports. */
export function SummaryPage() {
  const year = useYear();
  const summary = useLoad(() => run(api().GET('/account/summary', { params: { query: { year } } })), `summary|${year}`);
  return (
    <section>
      <YearFilter id="summary-year" year={year} />
      <Resource what="the summary" loaded={summary}>
        {(data) => (
          <>
            <UsdTotals totals={data} />
            {data.byDonor.length === 0 ? (
              <Empty>Nothing was pledged or received in {year}.</Empty>
            ) : (
              <Table caption={`By donor, ${year}`} columns={['Donor', 'Pledged', 'Received', 'Outstanding']}>
                {data.byDonor.map((row) => (
                  <tr key={row.donorId}>
                    <th scope="row">{row.donorId}</th>
                    <MoneyCell amount={row.pledgedUsd} currency="USD" />
                    <MoneyCell amount={row.receivedUsd} currency="USD" />
                    <MoneyCell amount={row.outstandingUsd} currency="USD" />
                  </tr>
                ))}
              </Table>
            )}
            {data.byEarmark.length ? (
              <Table caption={`By earmark, ${year}`} columns={['Earmark', 'Pledged', 'Received']}>
                {data.byEarmark.map((row) => (
                  <tr key={row.earmark}>
                    <th scope="row">{row.earmark}</th>
                    <MoneyCell amount={row.pledgedUsd} currency="USD" />
                    <MoneyCell amount={row.receivedUsd} currency="USD" />
                  </tr>
                ))}
              </Table>
            ) : null}
            <h2>Exports</h2>
            <Download format="csv" year={year} label="the CSV" />
            <Download format="iati" year={year} label="the IATI activity XML" />
          </>
        )}
      </Resource>
    </section>
  );
}
