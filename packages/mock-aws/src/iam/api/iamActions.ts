import type { ActionHandler } from '../../sts/actions.js';
import { getInstanceProfile, getRole, getRolePolicy, getUser, getUserPolicy, listAttachedRolePolicies, listRolePolicies, listUserPolicies } from './iamReads.js';
import { simulateCustomPolicy, simulatePrincipalPolicy } from './simulate.js';

/** The only API version IAM has. @internal */
export const IAM_VERSION = '2010-05-08';
/** IAM's XML namespace. @internal */
export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** The IAM Query actions the mock answers, all signed and authorised. @internal */
export const IAM_ACTIONS: ReadonlyMap<string, ActionHandler> = new Map([
  ['SimulatePrincipalPolicy', simulatePrincipalPolicy],
  ['SimulateCustomPolicy', simulateCustomPolicy],
  ['GetRole', getRole],
  ['ListRolePolicies', listRolePolicies],
  ['GetRolePolicy', getRolePolicy],
  ['ListAttachedRolePolicies', listAttachedRolePolicies],
  ['GetInstanceProfile', getInstanceProfile],
  ['GetUser', getUser],
  ['ListUserPolicies', listUserPolicies],
  ['GetUserPolicy', getUserPolicy],
]);
