/**
 * Seeded pseudo-random numbers (sfc32, seeded through splitmix32). Each twin gets its own stream from
 * (seed, index), so twin i is the same whatever the batch size or the order twins are generated in.
 */
export interface Random {
  uniform(): number;
  normal(mean?: number, sd?: number): number;
  bernoulli(p: number): boolean;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRandom(seed: number, stream = 0): Random {
  const init = splitmix32((Math.imul(seed >>> 0, 0x27d4eb2d) ^ Math.imul(stream >>> 0, 0x165667b1)) >>> 0);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next();
  let spare: number | null = null;
  const uniform = (): number => (next() + 0.5) / 4294967296;
  return {
    uniform,
    normal(mean = 0, sd = 1) {
      if (spare !== null) {
        const z = spare;
        spare = null;
        return mean + sd * z;
      }
      const u = uniform();
      const v = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return mean + sd * r * Math.cos(2 * Math.PI * v);
    },
    bernoulli(p) {
      return uniform() < p;
    },
  };
}
