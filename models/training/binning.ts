/**
 * Histogram binning as in LightGBM: each feature's values are cut at up to maxBins - 1 thresholds that
 * are themselves training values, so "bin <= b" and "x <= threshold[b]" select the same rows and the
 * exported trees (BRANCH_LEQ on raw values) reproduce training exactly.
 */
/** Bin of a missing (NaN) value; real bins stay below it because maxBins ≤ 255. */
export const MISSING_BIN = 255;

export interface Binning {
  /** Thresholds per feature, ascending; bin b holds x <= thresholds[b] (last bin: above all). */
  thresholds: Float64Array[];
  /** Row-major bin indices, n × nFeatures. */
  bins: Uint8Array;
  nFeatures: number;
}

export function fitThresholds(x: Float64Array, n: number, nFeatures: number, maxBins: number): Float64Array[] {
  if (maxBins > MISSING_BIN) throw new RangeError(`maxBins must be ≤ ${MISSING_BIN}`);
  const out: Float64Array[] = [];
  const all = new Float64Array(n);
  for (let f = 0; f < nFeatures; f++) {
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i * nFeatures + f] ?? 0;
      if (!Number.isNaN(v)) all[m++] = v;
    }
    // Thresholds come from the values present; missing values get their own bin.
    const column = all.subarray(0, m).sort();
    const unique: number[] = [];
    for (let i = 0; i < m; i++) {
      const v = column[i] ?? 0;
      if (unique.length === 0 || unique[unique.length - 1] !== v) unique.push(v);
    }
    let cuts: number[];
    if (unique.length <= maxBins) {
      cuts = unique.slice(0, -1);
    } else {
      cuts = [];
      for (let b = 1; b < maxBins; b++) {
        const v = column[Math.min(m - 1, Math.floor((b * m) / maxBins))] ?? 0;
        if (v !== unique[unique.length - 1] && (cuts.length === 0 || v > (cuts[cuts.length - 1] ?? -Infinity))) cuts.push(v);
      }
    }
    out.push(Float64Array.from(cuts));
  }
  return out;
}

export function applyBins(x: Float64Array, n: number, nFeatures: number, thresholds: Float64Array[]): Binning {
  const bins = new Uint8Array(n * nFeatures);
  for (let f = 0; f < nFeatures; f++) {
    const t = thresholds[f] ?? new Float64Array(0);
    for (let i = 0; i < n; i++) {
      const v = x[i * nFeatures + f] ?? 0;
      if (Number.isNaN(v)) {
        bins[i * nFeatures + f] = MISSING_BIN;
        continue;
      }
      let lo = 0;
      let hi = t.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= (t[mid] ?? 0)) hi = mid;
        else lo = mid + 1;
      }
      bins[i * nFeatures + f] = lo;
    }
  }
  return { thresholds, bins, nFeatures };
}
