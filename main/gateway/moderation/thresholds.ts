/**
 * Thresholds per category, tightened by the tenant's governance packs (reference 002: "HIPAA =
 * stricter"). Several packs combine by taking the strictest threshold of each.
 */
import { HIPAA_MODERATION_THRESHOLDS } from '../../governance/packs/hipaa.ts';
import type { ModerationCategory } from './categories.ts';

export interface CategoryThreshold {
  /** At or above: recorded and flagged. */
  readonly flag: number;
  /** At or above: a violation, blocked in enforce mode. */
  readonly block: number;
}

export type ModerationThresholds = Readonly<Record<ModerationCategory, CategoryThreshold>>;

export interface GovernancePacks {
  readonly hipaa?: boolean;
  readonly gdpr?: boolean;
}

const NEVER = Number.POSITIVE_INFINITY;

export const BASE_THRESHOLDS: ModerationThresholds = {
  violence_weapons: { flag: 0.5, block: 0.8 },
  self_harm: { flag: 0.45, block: 0.8 },
  sexual_minors: { flag: 0.3, block: 0.5 },
  hate: { flag: 0.5, block: 0.8 },
  malware: { flag: 0.5, block: 0.8 },
  drugs_synthesis: { flag: 0.5, block: 0.8 },
  // Without a health-data pack, PHI is PII like any other: stage 3 handles it.
  phi_disclosure: { flag: 0.8, block: NEVER },
};

const PACK_THRESHOLDS: Readonly<Record<keyof GovernancePacks, Partial<ModerationThresholds>>> = {
  // Governance owns what the HIPAA pack means; the gateway applies it.
  hipaa: HIPAA_MODERATION_THRESHOLDS as Partial<ModerationThresholds>,
  gdpr: {
    phi_disclosure: { flag: 0.5, block: 0.8 },
  },
};

export function thresholdsForPacks(packs: GovernancePacks = {}): ModerationThresholds {
  const result: Record<ModerationCategory, CategoryThreshold> = { ...BASE_THRESHOLDS };
  for (const pack of Object.keys(PACK_THRESHOLDS) as Array<keyof GovernancePacks>) {
    if (packs[pack] !== true) continue;
    for (const [category, threshold] of Object.entries(PACK_THRESHOLDS[pack]) as Array<[ModerationCategory, CategoryThreshold]>) {
      const current = result[category];
      result[category] = { flag: Math.min(current.flag, threshold.flag), block: Math.min(current.block, threshold.block) };
    }
  }
  return result;
}
