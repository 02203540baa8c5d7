import type {AnyRule} from '../../src/rule.js'

export const namesRules: AnyRule[] = []
