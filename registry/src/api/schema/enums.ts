import { Criticality } from '../../changes/types';
import { PublishStatus } from '../../publishing/PublishStatus';
import { TokenScope } from '../../tokens/TokenScope';
import { ForecastStatus } from '../../usage/reports/trend';
import { builder } from '../builder';

export const CriticalityEnum = builder.enumType(Criticality, {
  name: 'Criticality',
  description: 'How a schema change affects existing clients.',
});

export const PublishStatusEnum = builder.enumType(PublishStatus, {
  name: 'PublishStatus',
  description: 'How a publish or delete ended.',
});

export const TokenScopeEnum = builder.enumType(TokenScope, {
  name: 'TokenScope',
  description: 'What a token may do.',
});

export const ForecastStatusEnum = builder.enumType(ForecastStatus, {
  name: 'ForecastStatus',
  description:
    'What a usage forecast says: DECLINING (it has a zero date), NOT_DECLINING (flat or rising), NOT_ENOUGH_DATA (fewer than 2 days of usage).',
});
