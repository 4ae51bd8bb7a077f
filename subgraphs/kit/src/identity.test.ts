import { describe, expect, it } from 'vitest';
import { carriesGatewaySecret, readCallerIdentity } from './identity';

describe('caller identity', () => {
  it('reads subject, scopes and the clinic and role claims the gateway forwards', () => {
    const identity = readCallerIdentity({
      'x-switchyard-subject': 'user_00002',
      'x-switchyard-scopes': 'orders:read orders:write',
      'x-switchyard-claims': JSON.stringify({ clinic_id: 'clinic_0001', role: 'BUYER' }),
    });
    expect(identity).toEqual({
      userId: 'user_00002',
      clinicId: 'clinic_0001',
      role: 'BUYER',
      scopes: new Set(['orders:read', 'orders:write']),
    });
  });

  it('treats malformed claims as none rather than failing the request', () => {
    expect(readCallerIdentity({ 'x-switchyard-claims': '{not json' })).toMatchObject({ clinicId: null, role: null });
  });

  it('accepts only the exact gateway secret when one is configured', () => {
    const secret = 'a-very-long-shared-secret';
    expect(carriesGatewaySecret({}, undefined)).toBe(true);
    expect(carriesGatewaySecret({}, secret)).toBe(false);
    expect(carriesGatewaySecret({ 'x-switchyard-gateway-secret': 'a-very-long-shared-secreT' }, secret)).toBe(false);
    expect(carriesGatewaySecret({ 'x-switchyard-gateway-secret': secret }, secret)).toBe(true);
  });
});
