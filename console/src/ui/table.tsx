import type { ComponentChildren } from 'preact';

/** A table named by its caption, with its column headings; the rows are the caller's. */
export function Table(props: { caption: ComponentChildren; columns: readonly ComponentChildren[]; class?: string; children: ComponentChildren }) {
  return (
    <table class={props.class}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((column, index) => (
            <th scope="col" key={index}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
