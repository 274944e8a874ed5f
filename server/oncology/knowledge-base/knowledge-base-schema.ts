import { z } from 'zod';

/**
 * The shape of the actionability knowledge base (actionability.json), checked at load so that a bad
 * edit fails at start-up, not at a tumour board. Levels: OncoKB therapeutic levels (oncokb.org/levels);
 * tiers: ESMO Scale for Clinical Actionability of molecular Targets (ESCAT, Mateo et al., Ann Oncol 2018).
 */
export const ONCOKB_LEVELS = ['1', '2', '3A', '3B', '4', 'R1', 'R2'] as const;
export type TOncokbLevel = (typeof ONCOKB_LEVELS)[number];
export const ESCAT_TIERS = ['I-A', 'I-B', 'I-C', 'II-A', 'II-B', 'III-A', 'III-B', 'IV', 'V', 'X'] as const;
export type TEscatTier = (typeof ESCAT_TIERS)[number];

/** Named alteration classes (the vocabulary a report uses where no single p. change applies). */
export const ALTERATION_CLASSES = ['exon 19 deletion', 'amplification', 'fusion', 'MSI-H', 'TMB-high'] as const;
export type TAlterationClass = (typeof ALTERATION_CLASSES)[number];

const ZIcd10Code = z.string().regex(/^[A-Z]\d{2}(\.\d{1,2})?$/, 'an ICD-10 code such as C34 or C34.9');

export const ZAlterationSchema = z.discriminatedUnion('kind', [
  /** One protein change in one-letter HGVS p. notation without the "p." (L858R). */
  z.object({ kind: z.literal('protein'), change: z.string().regex(/^[A-Z]\d+[A-Z*]$/) }).strict(),
  z.object({ kind: z.literal('class'), class: z.enum(ALTERATION_CLASSES) }).strict(),
  /** Any missense change at these codons (e.g. RAS hotspots in exons 2–4). */
  z.object({ kind: z.literal('codons'), codons: z.array(z.number().int().positive()).min(1) }).strict(),
]);
export type TAlteration = z.infer<typeof ZAlterationSchema>;

export const ZTumourScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agnostic') }).strict(),
  z.object({ kind: z.literal('specific'), key: z.string().min(1) }).strict(),
]);

export const ZSourceSchema = z
  .object({
    kind: z.enum(['pmid', 'fda', 'ema', 'guideline']),
    ref: z.string().min(1),
    note: z.string().optional(),
  })
  .strict()
  .refine((s) => s.kind !== 'pmid' || /^\d{7,8}$/.test(s.ref), { message: 'a PMID is 7 or 8 digits' });
export type TSource = z.infer<typeof ZSourceSchema>;

const ZGeneSchema = z.union([z.string().regex(/^[A-Z0-9]+$/), z.array(z.string().regex(/^[A-Z0-9]+$/)).min(1), z.null()]);

export const ZEntrySchema = z
  .object({
    id: z.string().min(1),
    /** HGNC symbol(s); null for gene-independent biomarkers (MSI-H, TMB-high). */
    gene: ZGeneSchema,
    alteration: ZAlterationSchema,
    tumour: ZTumourScopeSchema,
    /** One drug, or the drugs of one combination given together. */
    drugs: z.array(z.string().min(1)).min(1),
    effect: z.enum(['sensitive', 'resistant']),
    oncokbLevel: z.enum(ONCOKB_LEVELS),
    escatTier: z.enum(ESCAT_TIERS).nullable(),
    note: z.string().optional(),
    sources: z.array(ZSourceSchema).min(1),
  })
  .strict()
  .refine((e) => (e.effect === 'resistant') === e.oncokbLevel.startsWith('R'), { message: 'resistance entries carry R1/R2 and only they do' });
export type TEntry = z.infer<typeof ZEntrySchema>;

/** A use that looks plausible but is not standard (explains a non-match, e.g. KRAS G12C inhibitor monotherapy in colorectal cancer). */
export const ZNotStandardSchema = z
  .object({
    id: z.string().min(1),
    gene: ZGeneSchema,
    alteration: ZAlterationSchema,
    tumour: ZTumourScopeSchema,
    drugs: z.array(z.string().min(1)).min(1),
    reason: z.string().min(1),
    sources: z.array(ZSourceSchema).min(1),
  })
  .strict();
export type TNotStandard = z.infer<typeof ZNotStandardSchema>;

export const ZTumourSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)),
    icd10: z.array(z.object({ from: ZIcd10Code, to: ZIcd10Code }).strict()).min(1),
  })
  .strict();
export type TTumour = z.infer<typeof ZTumourSchema>;

export const ZKnowledgeBaseSchema = z
  .object({
    version: z.string().min(1),
    reviewed: z.iso.date(),
    disclaimer: z.string().min(1),
    tumours: z.array(ZTumourSchema).min(1),
    entries: z.array(ZEntrySchema).min(1),
    notStandard: z.array(ZNotStandardSchema),
  })
  .strict()
  .superRefine((kb, ctx) => {
    const keys = new Set(kb.tumours.map((t) => t.key));
    const ids = new Set<string>();
    for (const item of [...kb.entries, ...kb.notStandard]) {
      if (ids.has(item.id)) ctx.addIssue({ code: 'custom', message: `duplicate id ${item.id}` });
      ids.add(item.id);
      if (item.tumour.kind === 'specific' && !keys.has(item.tumour.key)) ctx.addIssue({ code: 'custom', message: `${item.id}: unknown tumour ${item.tumour.key}` });
    }
  });
export type TKnowledgeBase = z.infer<typeof ZKnowledgeBaseSchema>;
