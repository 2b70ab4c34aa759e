/**
 * Governance packs: compliance modules switched on through the policy cascade (the `packs`
 * dimension; more packs is more restrictive, so enabling is a tightening and disabling a
 * loosening). Switching packs drives the data layer's field encryption through its one function,
 * `setFieldEncryptionRequirement`: on while any level of the tenant enables a pack that requires it.
 */
import { setFieldEncryptionRequirement, type FieldEncryption } from '../data/field-encryption.ts';
import type { ResolvedPolicy } from './policy/cascade.ts';
import type { PolicyChange, PolicyChanges } from './policy/change.ts';
import { normalisePacks, PACK_IDS, type PackId } from './policy/dimensions.ts';
import type { PolicyStore, PolicyTarget } from './policy/resolver.ts';
import { HIPAA_MODERATION_THRESHOLDS, PHI_CATEGORIES, type ModerationThreshold } from './packs/hipaa.ts';

export { PACK_IDS, type PackId };

export interface PackDefinition {
  readonly id: PackId;
  readonly title: string;
  /** Envelope-encrypt every encryptable content type (reference 002 § What triggers encryption). */
  readonly fieldEncryption: boolean;
  /** The gateway redacts PII before the model sees it. */
  readonly piiRedaction: boolean;
  /** Records about data subjects need recorded consent (GDPR). */
  readonly consentTracking: boolean;
  /** Extra PII categories the gateway treats as protected (HIPAA PHI). */
  readonly protectedCategories: readonly string[];
  /** Per-category moderation thresholds stricter than the base ones. */
  readonly moderationThresholds: Readonly<Record<string, ModerationThreshold>>;
}

export const PACKS: Readonly<Record<PackId, PackDefinition>> = Object.freeze({
  gdpr: {
    id: 'gdpr',
    title: 'GDPR: PII redaction, consent tracking, subject export, erasure by crypto-shredding',
    fieldEncryption: true,
    piiRedaction: true,
    consentTracking: true,
    protectedCategories: [],
    moderationThresholds: { phi_disclosure: { flag: 0.5, block: 0.8 } },
  },
  hipaa: {
    id: 'hipaa',
    title: 'HIPAA: PHI categories, encryption of every content type, stricter moderation, minimum-necessary export',
    fieldEncryption: true,
    piiRedaction: true,
    consentTracking: false,
    protectedCategories: PHI_CATEGORIES,
    moderationThresholds: HIPAA_MODERATION_THRESHOLDS,
  },
});

/** What the gateway needs from the packs in force for one request. */
export interface GatewayPackSettings {
  readonly packs: { readonly gdpr: boolean; readonly hipaa: boolean };
  readonly piiRedaction: boolean;
  readonly consentTracking: boolean;
  readonly protectedCategories: readonly string[];
  /** Strictest (lowest) threshold per category over the active packs. */
  readonly moderationThresholds: Readonly<Record<string, ModerationThreshold>>;
}

export function gatewayPackSettings(policy: ResolvedPolicy): GatewayPackSettings {
  const active = policy.packs.value.map((id) => PACKS[id]);
  const thresholds: Record<string, ModerationThreshold> = {};
  for (const pack of active) {
    for (const [category, t] of Object.entries(pack.moderationThresholds)) {
      const current = thresholds[category];
      thresholds[category] = current ? { flag: Math.min(current.flag, t.flag), block: Math.min(current.block, t.block) } : t;
    }
  }
  return {
    packs: { gdpr: policy.packs.value.includes('gdpr'), hipaa: policy.packs.value.includes('hipaa') },
    piiRedaction: active.some((p) => p.piiRedaction),
    consentTracking: active.some((p) => p.consentTracking),
    protectedCategories: [...new Set(active.flatMap((p) => p.protectedCategories))],
    moderationThresholds: thresholds,
  };
}

/** Brings the data layer's field encryption in line with the packs stored at any level. */
export function syncFieldEncryption(tenant: { readonly fieldEncryption: FieldEncryption }, store: PolicyStore): boolean {
  const enabling = [...store.packsAnywhere()].filter((id): id is PackId => (PACK_IDS as readonly string[]).includes(id) && PACKS[id as PackId].fieldEncryption);
  const required = enabling.length > 0;
  if (tenant.fieldEncryption.required !== required) {
    setFieldEncryptionRequirement(tenant, required, required ? `governance pack(s) ${enabling.join(', ')} enabled` : 'no governance pack requires field encryption');
  }
  return required;
}

/** Enabling and disabling packs: policy changes of the `packs` dimension at one level. */
export class PackService {
  constructor(
    private readonly store: PolicyStore,
    private readonly changes: PolicyChanges,
  ) {}

  enable(actor: string, pack: PackId, target: PolicyTarget = { level: 'tenant' }): Promise<PolicyChange> {
    const current = this.store.level(target).packs ?? [];
    return this.changes.set(actor, target, 'packs', normalisePacks([...current, pack]).join(',') || 'none');
  }

  /** A loosening: needs the approver role and the actor's passphrase. */
  disable(actor: string, pack: PackId, passphrase: string, target: PolicyTarget = { level: 'tenant' }): Promise<PolicyChange> {
    const current = this.store.level(target).packs ?? [];
    const next = current.filter((p) => p !== pack);
    return this.changes.set(actor, target, 'packs', next.length > 0 ? next.join(',') : undefined, { passphrase });
  }
}
