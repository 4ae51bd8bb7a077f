import { builder } from '../builder';
import './AuditEntry';
import './CheckResult';
import './Documents';
import './Contract';
import './Count';
import './enums';
import './Explorer';
import './GraphSummary';
import './Mutation';
import './OperationCostChange';
import './PublishResult';
import './Query';
import './SchemaChange';
import './SchemaError';
import './Sla';
import './Subgraph';
import './SubgraphVersion';
import './SupergraphVersion';
import './Token';
import './UsageQuery';
import './UsageTypes';
import './Webhook';

/** The registry's GraphQL API schema (what the CLI calls). */
export const schema = builder.toSchema({ sortSchema: false });
