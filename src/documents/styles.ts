import { rgb } from 'pdf-lib';
import type { FontSet, TextStyle } from '../pdf/index.js';

export const GREY = rgb(0.38, 0.38, 0.38);

export interface Styles {
  title: TextStyle;
  heading: TextStyle;
  body: TextStyle;
  bold: TextStyle;
  small: TextStyle;
  label: TextStyle;
  cell: TextStyle;
  cellBold: TextStyle;
  footer: TextStyle;
}

/** The few sizes every document uses, so invoices, letters and contracts look alike. */
export function stylesFor(fonts: FontSet): Styles {
  return {
    title: { font: fonts.bold, size: 18, leading: 1.2 },
    heading: { font: fonts.bold, size: 11 },
    body: { font: fonts.regular, size: 9.5, leading: 1.35 },
    bold: { font: fonts.bold, size: 9.5, leading: 1.35 },
    small: { font: fonts.regular, size: 8, color: GREY },
    label: { font: fonts.regular, size: 8, color: GREY },
    cell: { font: fonts.regular, size: 8.5 },
    cellBold: { font: fonts.bold, size: 8.5 },
    footer: { font: fonts.regular, size: 7.5, color: GREY },
  };
}
