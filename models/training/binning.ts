/**
 * Histogram binning as in LightGBM: each feature's values are cut at up to maxBins - 1 thresholds that
 * are themselves training values, so "bin <= b" and "x <= threshold[b]" select the same rows and the
 * exported trees (BRANCH_LEQ on raw values) reproduce training exactly.
 */
export interface Binning {
  /** Thresholds per feature, ascending; bin b holds x <= thresholds[b] (last bin: above all). */
  thresholds: Float64Array[];
  /** Row-major bin indices, n × nFeatures. */
  bins: Uint8Array;
  nFeatures: number;
}

export function fitThresholds(x: Float64Array, n: number, nFeatures: number, maxBins: number): Float64Array[] {
  if (maxBins > 256) throw new RangeError('maxBins must be ≤ 256');
  const out: Float64Array[] = [];
  const column = new Float64Array(n);
  for (let f = 0; f < nFeatures; f++) {
    for (let i = 0; i < n; i++) column[i] = x[i * nFeatures + f] ?? 0;
    column.sort();
    const unique: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = column[i] ?? 0;
      if (unique.length === 0 || unique[unique.length - 1] !== v) unique.push(v);
    }
    let cuts: number[];
    if (unique.length <= maxBins) {
      cuts = unique.slice(0, -1);
    } else {
      cuts = [];
      for (let b = 1; b < maxBins; b++) {
        const v = column[Math.min(n - 1, Math.floor((b * n) / maxBins))] ?? 0;
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
