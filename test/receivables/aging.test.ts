import { describe, expect, it } from 'vitest';
import { agingReport, bucketOf } from '../../src/receivables/aging/report.js';
import { renderAgingCsv, renderAgingJson } from '../../src/receivables/aging/render.js';
import { item } from './support.js';

describe('aging buckets', () => {
  it.each([
    [-5, 'notDue'], [0, 'notDue'], [1, 'days1to30'], [30, 'days1to30'], [31, 'days31to60'],
    [60, 'days31to60'], [61, 'days61to90'], [90, 'days61to90'], [91, 'over90'],
  ])('%i days overdue → %s', (days, bucket) => expect(bucketOf(days)).toBe(bucket));
});

describe('aging report', () => {
  const items = [
    item('INV-2026-0001', 'mueller', 119000, '2026-04-10'),
    item('INV-2026-0002', 'mueller', 59500, '2026-03-01'),
    item('INV-2026-0003', 'mueller', 23800, '2025-12-01'),
    item('INV-2026-0031', 'tarau', 30000, '2026-02-01', { currency: 'RON', part: 'prepayment' }),
    item('INV-2026-0031', 'tarau', 70000, '2026-03-31', { currency: 'RON' }),
    item('INV-2026-0040', 'tarau', 5000, '2026-03-01'),
    item('INV-2026-0041', 'tarau', 0, '2026-01-01'),
  ];
  const names = new Map([['mueller', 'Jürgen Müller GmbH'], ['tarau', 'Ștefan Țărău SRL, "Cluj"']]);
  const r = agingReport(items, '2026-03-31', names);

  it('sums per customer and currency and in total per currency, never across currencies', () => {
    expect(r.customers.map((c) => [c.customerId, c.currency, c.buckets, c.totalMinor, c.items])).toEqual([
      ['mueller', 'EUR', { notDue: 119000, days1to30: 59500, days31to60: 0, days61to90: 0, over90: 23800 }, 202300, 3],
      ['tarau', 'EUR', { notDue: 0, days1to30: 5000, days31to60: 0, days61to90: 0, over90: 0 }, 5000, 1],
      ['tarau', 'RON', { notDue: 70000, days1to30: 0, days31to60: 30000, days61to90: 0, over90: 0 }, 100000, 2],
    ]);
    expect(r.totals.map((t) => [t.currency, t.totalMinor, t.buckets.days1to30])).toEqual([['EUR', 207300, 64500], ['RON', 100000, 0]]);
  });

  it('renders CSV for accountants', () => {
    expect(renderAgingCsv(r)).toBe([
      'customer_id,customer_name,currency,not_due,1-30,31-60,61-90,over_90,total',
      'mueller,Jürgen Müller GmbH,EUR,1190.00,595.00,0.00,0.00,238.00,2023.00',
      'tarau,"Ștefan Țărău SRL, ""Cluj""",EUR,0.00,50.00,0.00,0.00,0.00,50.00',
      'tarau,"Ștefan Țărău SRL, ""Cluj""",RON,700.00,0.00,300.00,0.00,0.00,1000.00',
      'TOTAL,,EUR,1190.00,645.00,0.00,0.00,238.00,2073.00',
      'TOTAL,,RON,700.00,0.00,300.00,0.00,0.00,1000.00',
      '',
    ].join('\r\n'));
  });

  it('keeps spreadsheet formulas out of names', () => {
    const csv = renderAgingCsv(agingReport([item('X-2026-0001', '=cmd', 100, '2026-01-01')], '2026-03-31'));
    expect(csv.split('\r\n')[1]).toBe("'=cmd,,EUR,0.00,0.00,0.00,1.00,0.00,1.00");
  });

  it('renders JSON with minor units', () => {
    const json = JSON.parse(renderAgingJson(r));
    expect(json.asOf).toBe('2026-03-31');
    expect(json.totals[1]).toEqual({ currency: 'RON', buckets: { notDue: 70000, days1to30: 0, days31to60: 30000, days61to90: 0, over90: 0 }, totalMinor: 100000, items: 2 });
  });
});
