export { MalformedPolicyError } from './errors/MalformedPolicyError.js';
export { parsePolicy, checkPolicy, type ParsePolicyOptions } from './policy/parsePolicy.js';
export type { Policy, PolicyKind, Statement, Condition, ConditionValue, ResourcePattern, PrincipalSet } from './policy/Policy.js';
export {
  evaluate,
  type Evaluation,
  type EvaluationRequest,
  type PolicySet,
  type Decision,
  type MatchedStatement,
  type RequestPrincipal,
  type ContextInput,
} from './evaluate/evaluate.js';
export { denialMessage } from './evaluate/denialMessage.js';
export { compileGlob, matchGlob, type Glob, type GlobPiece } from './glob/compileGlob.js';
export { compileArnPattern, matchArn, type ArnPattern } from './glob/ArnPattern.js';
export { CONDITION_OPERATORS, parseOperator, type OperatorSpec, type OperatorFamily, type Comparison, type ParsedOperator } from './conditions/operators.js';
export { parseIpRange, ipInRange, type IpRange } from './conditions/IpRange.js';
export { parseTemplate, type Template, type TemplatePart } from './variables/Template.js';
