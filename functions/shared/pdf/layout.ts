/**
 * What a printable document says, independent of how it is drawn: a title and blocks of text.
 * The domain builds one (e.g. a receipt); render.ts draws it as a PDF with real text.
 */
export interface TableColumn {
  header: string;
  /** Share of the line's width (the widths of a table add up to 1 or less). */
  width: number;
  align?: 'left' | 'right';
}

export type PrintBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** Label and value, one pair a line. */
  | { kind: 'fields'; rows: readonly (readonly [string, string])[] }
  | { kind: 'table'; columns: readonly TableColumn[]; rows: readonly (readonly string[])[]; empty: string };

export interface Printout {
  title: string;
  subject: string;
  /** The document's date (its metadata): the same content gives the same bytes. */
  createdAt: Date;
  /** The file name a browser saves it as. */
  fileName: string;
  blocks: readonly PrintBlock[];
}
