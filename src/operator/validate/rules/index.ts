/** The semantic rules, one module each, in the order they run. */
import { deprecatedRule } from './deprecated.js';
import { externalIstiodRule } from './external-istiod.js';
import { gatewayNamesRule } from './gateway-names.js';
import { gatewayTargetPortsRule } from './gateway-target-ports.js';
import { hubRule, revisionRule, tagRule } from './image-fields.js';
import { ipRangesRule } from './ip-ranges.js';
import { mcsFlagsRule } from './mcs-flags.js';
import { portListsRule } from './port-lists.js';
import { remoteIstiodRule } from './remote-istiod.js';
import { removedAddonsRule } from './removed-addons.js';
import type { Rule } from './rule.js';

export type { Rule, RuleContext } from './rule.js';

export const RULES: readonly Rule[] = [hubRule, tagRule, revisionRule, gatewayNamesRule, ipRangesRule, portListsRule, gatewayTargetPortsRule, removedAddonsRule, externalIstiodRule, remoteIstiodRule, mcsFlagsRule, deprecatedRule];
