// RFC 4180 records with a configurable delimiter: quoted fields may hold delimiters,
// doubled quotes and line breaks, so a record's line is where it starts.

export interface CsvRecord {
  line: number;
  fields: string[];
}

export function splitCsv(text: string, delimiter: string): { records: CsvRecord[]; error?: { line: number; message: string } } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; field += ch; }
    } else if (ch === '"' && field.trim() === '') { quoted = true; field = ''; }
    else if (ch === delimiter) { fields.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') continue;
    else if (ch === '\n' || ch === '\r') {
      fields.push(field);
      records.push({ line: start, fields });
      fields = []; field = ''; line++; start = line;
    } else field += ch;
  }
  if (quoted) return { records, error: { line: start, message: 'a quoted field is never closed' } };
  if (field !== '' || fields.length > 0) { fields.push(field); records.push({ line: start, fields }); }
  return { records };
}
