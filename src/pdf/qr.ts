import { concatTransformationMatrix, fill, PDFOperator, PDFOperatorNames, popGraphicsState, pushGraphicsState, rectangle, setFillingGrayscaleColor, type PDFPage } from 'pdf-lib';

/**
 * Draws a QR code as vector squares: one filled rectangle per horizontal run of dark
 * modules, in a coordinate system scaled to one unit per module, so the content stream
 * holds small integers (cheap to write, sharp at any size) instead of an image.
 * `modules[row][col]` is true for dark; (x, y) is the top-left corner of the quiet zone.
 */
export function drawQrCode(page: PDFPage, modules: readonly (readonly boolean[])[], x: number, y: number, size: number, quietZone = 4): void {
  const count = modules.length + 2 * quietZone;
  const unit = size / count;
  const ops = [
    pushGraphicsState(),
    // Origin at the top-left module, y growing downwards, one unit per module.
    concatTransformationMatrix(unit, 0, 0, -unit, x, y),
    // White background: scanners need the light quiet zone even on tinted paper.
    setFillingGrayscaleColor(1),
    rectangle(0, 0, count, count),
    fill(),
    setFillingGrayscaleColor(0),
  ];
  modules.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      if (!row[c]) continue;
      let end = c;
      while (end + 1 < row.length && row[end + 1]) end++;
      // Integer arguments as plain strings: no number objects for a few hundred rectangles.
      ops.push(PDFOperator.of(PDFOperatorNames.AppendRectangle, [String(c + quietZone), String(r + quietZone), String(end - c + 1), '1']));
      c = end;
    }
  });
  ops.push(fill(), popGraphicsState());
  page.pushOperators(...ops);
}
