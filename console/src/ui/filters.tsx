import type { ComponentChildren } from 'preact';
import { formText, handleSubmit } from './forms';
import { setQuery, useLocation } from './router';

/** A page's filters: each named field becomes a query parameter, so a filtered page can be linked to. */
export function Filters({ submit = 'Show', children }: { submit?: string; children: ComponentChildren }) {
  return (
    <form
      class="filters"
      role="search"
      onSubmit={handleSubmit((form) => setQuery(Object.fromEntries([...form.keys()].map((name) => [name, formText(form, name)]))))}
    >
      {children}
      <button type="submit">{submit}</button>
    </form>
  );
}

/** A filter's input, showing the value the query has now. */
export function FilterInput(props: { id: string; label: string; name: string; value: string; placeholder?: string; inputMode?: 'numeric' }) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input id={props.id} name={props.name} defaultValue={props.value} placeholder={props.placeholder} inputMode={props.inputMode} />
    </>
  );
}

/** A filter's select (its options are the children), showing the value the query has now. */
export function FilterSelect(props: { id: string; label: string; name: string; value: string; children: ComponentChildren }) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} defaultValue={props.value}>
        {props.children}
      </select>
    </>
  );
}

/** The year the page's query asks for; this year if none. */
export function useYear(): number {
  const { query } = useLocation();
  return Number(query.get('year') ?? new Date().getUTCFullYear());
}

export function YearFilter({ id, year }: { id: string; year: number }) {
  return (
    <Filters>
      <FilterInput id={id} label="Year" name="year" value={String(year)} inputMode="numeric" />
    </Filters>
  );
}
