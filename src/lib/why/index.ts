/*
 * `nido why`: explains init's decisions from the configs (and a state
 * report) with init's own routing code. See docs/why.md.
 *
 *   const system = new SystemModel(new InitModel(config, { source: 'boot/config', label: 'init' }), host);
 *   const answer = await explainSession(system, 'LOG', 'init -> a');
 */

export { InitModel, type StaticChild, type StaticService } from './init_model.js';
export { SystemModel, type Destination, type Hop, type PolicyAnswer, type RomModule, type Trace, type WhyHost } from './system_model.js';
export { explainSession, formatSessionAnswer, locateRequester, reportedSessionLines, type Requester, type SessionAnswer } from './session.js';
export { ChildExplainer, formatChildAnswer, type ChildAnswer, type Finding } from './child.js';
export { explainQuota, formatQuotaAnswer, initOwnQuota, startQuotas, type QuotaAnswer, type StartQuota } from './quota.js';
export { parseStateReport, type ReportedChild, type ReportedSession, type StateReport } from './state_report.js';
