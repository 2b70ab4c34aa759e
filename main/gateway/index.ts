// Public surface of the gateway: the only path to a model.
export { openGateway, Gateway, BLOCKED_CALL_ACTION, MAX_TOKENS_LIMIT } from './gateway.ts';
export type { GatewayOptions, GatewayResult, GatewayUsage, StreamOptions, StreamResult } from './gateway.ts';
export type { CallContext, CallPolicy, GatewayMessage, GatewayRequest, GatewayToolCall, PipelineTrace } from './context.ts';
export { GATEWAY_STAGES, verdict } from './stage.ts';
export type { GatewayStageName, Stage, StageOutcome, StageVerdict, VerdictDetail } from './stage.ts';
export { canonicalVerdict, chainVerdict, pipelineHashOf, PIPELINE_GENESIS, PIPELINE_HASH_DOMAIN, runPipeline, Trace } from './pipeline.ts';
export {
  BudgetLedger,
  ceilingPrice,
  costMicro,
  GATEWAY_MIGRATIONS,
  limitsFromPolicy,
  MICRO,
  microToUnits,
  migrateGateway,
  principalBudgetKey,
  promptTokenUpperBound,
  sessionBudgetKey,
} from './budget.ts';
export type { BudgetLimit, BudgetLimits, Overrun, Reservation, ReserveRequest, SettledCharge, StaleReservation } from './budget.ts';
export {
  BudgetExceeded,
  GatewayAuditError,
  GatewayReservationSwept,
  GatewayBlocked,
  GatewayCallAborted,
  GatewayError,
  GatewayRequestError,
  GatewayStageError,
  gatewayRecordOf,
  ModelCallFailed,
  ModelUsageInvalid,
} from './errors.ts';
export type { BudgetScope, CallRefusal, GatewayCallRecordRef } from './errors.ts';
export { OutputStream } from './output-stream.ts';
export type { OutputStreamOptions } from './output-stream.ts';
export { asModelProvider, localProviders, manifestPricing } from './local-providers.ts';
export type { LocalProviders } from './local-providers.ts';
export type { GatewayAudit, GatewayGovernance, GatewayTenant, Price, PriceResolver, ProviderResolver, ProviderScope } from './ports.ts';
export { GATEWAY_STAGE_MODULES } from './stages/index.ts';
export { PRE_CALL_ACTION } from './stages/pre-call-audit.ts';
export {
  BUDGET_SWEPT_ACTION,
  DEFAULT_STALE_RESERVATION_MS,
  GATEWAY_ACTOR,
  MIN_STALE_RESERVATION_MS,
  ReservationSweepError,
} from './reservation-sweep.ts';
export type { SweepReport, SweptReservation } from './reservation-sweep.ts';
