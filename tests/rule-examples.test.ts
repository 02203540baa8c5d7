/** Every rule's documented examples are its tests: exact messages, positions and fixes. */
import {describe, expect, it} from 'vitest'
import {allRules} from '../rules/index.js'
import {fixString, lintString} from '../src/api.js'
import type {AnyRule, RuleExample} from '../src/rule.js'
import {messagesOf} from './helpers.js'

function settings(rule: AnyRule, example: RuleExample) {
  const severity = rule.severity === 'off' ? 'warn' : rule.severity
  return {rules: {[rule.id]: [severity, example.options ?? {}] as [typeof severity, Record<string, unknown>]}, only: [rule.id]}
}

describe.each(allRules.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
  it('has metadata and examples', () => {
    expect(rule.id).toMatch(/^(scrape|translation|names)\/[a-z]+(?:-[a-z]+)*$/)
    expect(rule.summary.length).toBeGreaterThan(10)
    expect(rule.docs.length).toBeGreaterThan(80)
    expect(rule.examples.valid.length).toBeGreaterThanOrEqual(1)
    expect(rule.examples.invalid.length).toBeGreaterThanOrEqual(1)
    for (const example of rule.examples.invalid) expect(example.messages?.length).toBeGreaterThan(0)
    if (rule.fixable) expect(rule.examples.invalid.some((e) => e.fixed !== undefined)).toBe(true)
  })

  it.each(rule.examples.valid.map((e, i) => [i, e] as const))('valid example %i stays quiet', (_i, example) => {
    const file = lintString(example.text, settings(rule, example))
    expect(messagesOf(file, rule.id)).toEqual([])
  })

  it.each(rule.examples.invalid.map((e, i) => [i, e] as const))('invalid example %i reports', (_i, example) => {
    const file = lintString(example.text, settings(rule, example))
    expect(messagesOf(file, rule.id)).toEqual(example.messages)
    if (example.fixed !== undefined) {
      const fixed = fixString(example.text, settings(rule, example))
      expect(fixed.text).toBe(example.fixed)
      expect(fixString(fixed.text, settings(rule, example)).text).toBe(fixed.text)
    }
  })
})
