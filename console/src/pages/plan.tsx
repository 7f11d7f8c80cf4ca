import { useRef } from 'preact/hooks';
import { type Language, type Schemas, api, run } from '../api/client';
import { identity } from '../auth';
import { Empty, LANGUAGE_CODES, LanguageName, Loading, ProblemView, useLoad } from '../ui/components';
import { FilterInput, Filters } from '../ui/filters';
import { Link, useLocation } from '../ui/router';
import { Table } from '../ui/table';
import { AddSlotForm, PlanSessionForm } from './session-forms';

type Plan = Schemas['SessionPlan'];
type Risk = Schemas['Risk'];

/** The API's risk, named in words (colour only repeats it). */
const RISK_LABELS: Record<Risk, string> = { late: 'Late', 'at-risk': 'At risk', 'on-track': 'On track', done: 'Done' };

function RiskBadge({ risk }: { risk: Risk }) {
  return <span class={`risk risk-${risk}`}>{RISK_LABELS[risk]}</span>;
}

function Items({ items }: { items: Plan['items'] }) {
  if (items.length === 0) return <Empty>No slot is forecast and no document is submitted yet.</Empty>;
  return (
    <div class="table-scroll">
      <Table caption="The session's documents and slots, with their risk as the API assessed it" columns={['Title and symbol', 'Status', 'Submission due', 'Issuance due', 'Risk', 'Reasons']}>
        {items.map((item) => (
          <tr key={item.documentId ?? item.slotId}>
            <th scope="row">
              {item.documentId ? <Link href={`/secretariat/documents/${encodeURIComponent(item.documentId)}`}>{item.title}</Link> : item.title}
              <br />
              <span class="muted">{item.symbol ?? 'no symbol yet'}</span>
            </th>
            <td>{item.status}</td>
            <td>{item.submissionDue ?? '—'}</td>
            <td>{item.issuanceDue ?? '—'}</td>
            <td>
              <RiskBadge risk={item.risk} />
            </td>
            <td>
              <ul class="reasons">
                {item.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

function Workload({ workload }: { workload: Plan['workload'] }) {
  const rows = LANGUAGE_CODES.flatMap((language: Language) => (workload[language] ?? []).map((week) => ({ language, ...week })));
  if (rows.length === 0) return <Empty>No translation work is forecast or open.</Empty>;
  return (
    <Table caption="Translation workload per language and week, in words, against capacity" columns={['Language', 'Week', 'Words', 'Capacity', 'Load']}>
      {rows.map((row) => (
        <tr key={`${row.language}|${row.week}`} class={row.over ? 'over' : undefined}>
          <th scope="row">
            <LanguageName code={row.language} />
          </th>
          <td>{row.week}</td>
          <td>{row.words.toLocaleString('en-GB')}</td>
          <td>{row.capacity.toLocaleString('en-GB')}</td>
          <td>{row.over ? <span class="risk risk-late">Over capacity</span> : 'Within capacity'}</td>
        </tr>
      ))}
    </Table>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  const { session, compliance } = plan;
  return (
    <>
      <section aria-labelledby="session-heading">
        <h2 id="session-heading">
          {session.code}: {session.title}
        </h2>
        <dl class="facts">
          <dt>Dates</dt>
          <dd>
            {session.startsOn}
            {session.endsOn ? ` to ${session.endsOn}` : ''}
          </dd>
          <dt>Venue</dt>
          <dd>{session.venue ?? '—'}</dd>
        </dl>
      </section>
      <section aria-labelledby="items-heading">
        <h2 id="items-heading">Documents and slots</h2>
        <Items items={plan.items} />
      </section>
      <section aria-labelledby="workload-heading">
        <h2 id="workload-heading">Workload</h2>
        <Workload workload={plan.workload} />
      </section>
      <section aria-labelledby="compliance-heading">
        <h2 id="compliance-heading">Compliance</h2>
        <dl class="facts" data-testid="compliance">
          <dt>Documents (not withdrawn)</dt>
          <dd>{compliance.documents}</dd>
          <dt>Submitted on time</dt>
          <dd>
            {compliance.submittedOnTime} of {compliance.documents}
          </dd>
          <dt>Issued on time</dt>
          <dd>
            {compliance.issuedOnTime} of {compliance.documents}
          </dd>
        </dl>
      </section>
    </>
  );
}

/** The plan of one session (keyed by its code); while it reloads after a form's change, the last one stays on screen (and the forms keep their messages). */
function SessionPlan({ code }: { code: string }) {
  const plan = useLoad<Plan>(() => run(api().GET('/sessions/{code}/plan', { params: { path: { code } } })), `plan|${code}`);
  const last = useRef<Plan | undefined>(undefined);
  if (plan.state === 'ready') last.current = plan.data;
  const shown = plan.state === 'ready' ? plan.data : plan.state === 'loading' ? last.current : undefined;
  const unplanned = plan.state === 'failed' && plan.problem.status === 404;
  const plans = identity()?.roles.includes('secretariat') ?? false;
  return (
    <>
      {plan.state === 'loading' && !shown ? <Loading what={`the plan of ${code}`} /> : null}
      {unplanned ? <Empty>{code} is not planned yet.</Empty> : null}
      {plan.state === 'failed' && !unplanned ? <ProblemView problem={plan.problem} /> : null}
      {shown ? <PlanView plan={shown} /> : null}
      {plans && (shown || unplanned) ? (
        <div class="row">
          <PlanSessionForm code={code} planned={shown?.session} onDone={plan.reload} />
          {shown ? <AddSlotForm code={code} onDone={plan.reload} /> : null}
        </div>
      ) : null}
    </>
  );
}

/** A session's plan as the API computed it (risk, reasons, workload, compliance), and the secretariat's forms to plan it. */
export function SessionPlanPage() {
  const { query } = useLocation();
  const code = query.get('code') ?? '';
  return (
    <section>
      <Filters submit="Show the plan">
        <FilterInput id="plan-code" label="Session code" name="code" value={code} placeholder="COSP-1" />
      </Filters>
      {code ? <SessionPlan key={code} code={code} /> : <Empty>Name a session to see its plan.</Empty>}
    </section>
  );
}
