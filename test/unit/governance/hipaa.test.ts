import { describe, expect, it } from 'vitest';
import { ExportPurposeError } from '../../../main/governance/errors.ts';
import { HIPAA_MODERATION_THRESHOLDS, minimumNecessary, PHI_CATEGORIES } from '../../../main/governance/packs/hipaa.ts';
import { gatewayPackSettings } from '../../../main/governance/packs.ts';
import { resolveCascade } from '../../../main/governance/policy/cascade.ts';
import { APPLIANCE_BASELINE } from '../../../main/governance/policy/dimensions.ts';

const record = { patientId: 'p-1', name: 'Ann Lee', dateOfBirth: '1970-01-01', diagnosis: 'J45', insuranceId: 'INS-9', clinicalNotes: 'wheeze', ssn: '123-45-6789' };

describe('HIPAA pack', () => {
  it('exports only the fields the declared purpose needs and names what it withheld', () => {
    const payment = minimumNecessary([record], 'payment');
    expect(payment.records).toEqual([{ patientId: 'p-1', name: 'Ann Lee', insuranceId: 'INS-9' }]);
    expect(payment.withheld).toEqual(['clinicalNotes', 'dateOfBirth', 'diagnosis', 'ssn']);
    expect(minimumNecessary([record], 'research').records).toEqual([{ diagnosis: 'J45' }]);
  });

  it('refuses an export without a known purpose', () => {
    expect(() => minimumNecessary([record], 'curiosity')).toThrow(ExportPurposeError);
    expect(() => minimumNecessary([record], 'toString')).toThrow(/not a known export purpose/);
  });

  it('gives the gateway PHI categories and stricter moderation only when the pack is in force', () => {
    const off = gatewayPackSettings(resolveCascade({ appliance: APPLIANCE_BASELINE }));
    expect(off).toMatchObject({ packs: { gdpr: false, hipaa: false }, piiRedaction: false, protectedCategories: [], moderationThresholds: {} });
    const on = gatewayPackSettings(resolveCascade({ appliance: APPLIANCE_BASELINE, team: { packs: ['hipaa', 'gdpr'] } }));
    expect(on.packs).toEqual({ gdpr: true, hipaa: true });
    expect(on.protectedCategories).toEqual([...PHI_CATEGORIES]);
    expect(on.moderationThresholds.phi_disclosure).toEqual({ flag: 0.3, block: 0.5 }); // strictest of GDPR's and HIPAA's
    expect(on.moderationThresholds.self_harm).toEqual(HIPAA_MODERATION_THRESHOLDS.self_harm);
  });
});
