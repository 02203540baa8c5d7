import type {AnyRule} from '../../src/rule.js'
import knownVariant from './known-variant.js'
import fuzzyName from './fuzzy-name.js'
import roleMismatch from './role-mismatch.js'
import genderMismatch from './gender-mismatch.js'
import selfReference from './self-reference.js'
import wrongPerson from './wrong-person.js'

export const namesRules: AnyRule[] = [knownVariant, fuzzyName, roleMismatch, genderMismatch, selfReference, wrongPerson]
