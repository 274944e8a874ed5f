import raw from './actionability.json';
import { ZKnowledgeBaseSchema, type TKnowledgeBase } from './knowledge-base-schema';

/** Parses a knowledge base document; throws with every issue named when it does not fit the schema. */
export function parseKnowledgeBase(document: unknown): TKnowledgeBase {
  const parsed = ZKnowledgeBaseSchema.safeParse(document);
  if (!parsed.success) throw new Error(`invalid actionability knowledge base: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

let loaded: TKnowledgeBase | null = null;

/** The knowledge base shipped with the app (actionability.json), validated once on first use. */
export function knowledgeBase(): TKnowledgeBase {
  loaded ??= parseKnowledgeBase(raw);
  return loaded;
}
