// "Exactly one small group of the customer's open items sums to the payment": counts
// groups of 2–4 items in O(n²) with value maps instead of trying every combination, and
// stops at the second group found (two groups = ambiguous = review).

export type GroupSearch = { count: 0 } | { count: 1; group: number[] } | { count: 2 };

/** Largest n searched; beyond it a payer's open items are too many to guess from. */
export const MAX_GROUP_ITEMS = 400;

export function findGroups(amounts: readonly number[], target: number): GroupSearch {
  const n = amounts.length;
  let found: number[] | undefined;
  const hit = (g: number[]) => {
    if (found) return true;
    found = g;
    return false;
  };
  // size 2: i < j
  const seen = new Map<number, number[]>();
  for (let j = 0; j < n; j++) {
    for (const i of seen.get(target - amounts[j]!) ?? []) if (hit([i, j])) return { count: 2 };
    push(seen, amounts[j]!, j);
  }
  // size 3: i < j < k, with `seen` holding values at indices below j
  seen.clear();
  for (let j = 0; j < n; j++) {
    for (let k = j + 1; k < n; k++) {
      for (const i of seen.get(target - amounts[j]! - amounts[k]!) ?? []) if (hit([i, j, k])) return { count: 2 };
    }
    push(seen, amounts[j]!, j);
  }
  // size 4: pairs (i, j) with j < k are in `pairs` when (k, l) is looked at
  const pairs = new Map<number, number[]>();
  for (let k = 0; k < n; k++) {
    for (let l = k + 1; l < n; l++) {
      const list = pairs.get(target - amounts[k]! - amounts[l]!);
      if (list) for (let p = 0; p < list.length; p += 2) if (hit([list[p]!, list[p + 1]!, k, l])) return { count: 2 };
    }
    for (let i = 0; i < k; i++) {
      const s = amounts[i]! + amounts[k]!;
      const list = pairs.get(s);
      if (list) list.push(i, k);
      else pairs.set(s, [i, k]);
    }
  }
  return found ? { count: 1, group: found } : { count: 0 };
}

function push(m: Map<number, number[]>, key: number, v: number): void {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
}
