// ---- @rolecall/load-harness public API (harness) ---------------------------------
/** Records, scenarios and phases: the harness's data model. @public */
export type { AttemptRecord, AttemptOutcome, OpRecord, OpOutcome, RunRecords, LoadPhase, OutageWindow, Scenario } from './types.js';
/** Errors: a bad option / scenario / threshold file, and a CI threshold breach. @public */
export { HarnessOptionError, ThresholdBreachedError } from './errors.js';
/** Metrics: Jain's index, min/max ratio, HDR latency percentiles, and every metric of a run. @public */
export { jainIndex, minMaxRatio } from './metrics/jain.js';
export { latencyPercentiles } from './metrics/latency.js';
export type { LatencyPercentiles } from './metrics/latency.js';
export { computeMetrics } from './metrics/computeMetrics.js';
export type { StrategyMetrics, StrategyDetail, TimelinePoint, MetricsOptions } from './metrics/computeMetrics.js';
/** Simulation: discrete-event clock, token-bucket server model, open-loop runs, Brooker's OCC experiment. @public */
export { createSimClock, SIM_EPOCH_MS } from './sim/SimClock.js';
export type { SimClock, SimClockOptions } from './sim/SimClock.js';
export { createServerModel } from './sim/ServerModel.js';
export type { ServerModel, ServerModelOptions, ServerAnswer } from './sim/ServerModel.js';
export { runSimulation, simulateColumns } from './sim/runSimulation.js';
export type { SimulationOptions } from './sim/runSimulation.js';
export { runBrooker } from './sim/brooker.js';
export type { BrookerPoint, BrookerOptions } from './sim/brooker.js';
export { runBrookerComparison, BROOKER_CLIENTS } from './sim/runBrookerComparison.js';
/** Records as columns (what metrics read and workers transfer). @public */
export { toColumns, toRecords, concatColumns, ATTEMPT_OUTCOMES, OP_OUTCOMES } from './records/RunColumns.js';
export type { RunColumns, AttemptColumns, OpColumns } from './records/RunColumns.js';
/** Strategies by name, with quota scopes; the anchors. @public */
export { resolveSimStrategy, HARNESS_STRATEGIES, ANCHOR_STRATEGIES } from './strategies/resolveStrategy.js';
export type { QuotaScope, ResolveStrategyOptions } from './strategies/resolveStrategy.js';
export { classifyRefusal } from './strategies/StrategySource.js';
export type { StrategySource, StrategyContext, Refusal } from './strategies/StrategySource.js';
export { smithyStandardStrategy } from './real/anchors.js';
/** Real mode: embedded mock over loopback, signed STS clients, self-measurement. @public */
export { createRealRunner } from './real/runRealStrategy.js';
export type { RealModeOptions } from './real/runRealStrategy.js';
export { createShardedRunner, defaultWorkers } from './real/createShardedRunner.js';
export type { ShardedModeOptions } from './real/createShardedRunner.js';
export { answerOf } from './real/runClientShard.js';
export type { Shard } from './real/runClientShard.js';
export { measureHarness } from './real/measureHarness.js';
export type { HarnessHealth, WorkerHealth } from './real/measureHarness.js';
/** Scenarios E1–E6 and user modules. @public */
export { builtinScenario, validateScenario, SCENARIO_NAMES, DEFAULT_STRATEGIES } from './scenarios/builtinScenarios.js';
export type { ScenarioParams } from './scenarios/builtinScenarios.js';
export { loadScenarioModule } from './scenarios/loadScenarioModule.js';
/** The operation loop (token protocol), for engines that bring their own transport. @public */
export { driveOperation } from './runner/driveOperation.js';
export type { Transport, DriveOptions } from './runner/driveOperation.js';
export type { RecordSink } from './runner/startOperation.js';
/** Artillery: the engine's metric names and the fairness report from its JSON. @public */
export { ARTILLERY_METRICS, metricsFromArtillery, mergeArtilleryReports } from './artillery/artilleryMetrics.js';
export type { ArtilleryReport, ArtilleryPeriod } from './artillery/artilleryMetrics.js';
/** Running a comparison. @public */
export { runLoad, parseStrategySpec } from './runLoad.js';
export type { LoadReport, LoadRun, RunLoadOptions, RealRunner, StrategySpec } from './runLoad.js';
/** Output: table, progress bar, Markdown, SVG charts, report directory. @public */
export { formatTable } from './report/formatTable.js';
export { createProgressBar } from './report/progressBar.js';
export type { ProgressBar } from './report/progressBar.js';
export { renderMarkdown } from './report/renderMarkdown.js';
export { renderSvg, clientSuccessSpec, goodputSpec, brookerSpec } from './report/renderCharts.js';
export { writeReport, writeBrookerReport, brookerMarkdown } from './report/writeReport.js';
export type { ReportFiles } from './report/writeReport.js';
/** CI thresholds. @public */
export { parseThresholds, checkThresholds, DEFAULT_THRESHOLDS } from './ci/thresholds.js';
export type { Thresholds } from './ci/thresholds.js';
// ---- end harness block --------------------------------------------------------------
