import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../main/providers/errors.ts';
import { checkCallArguments, functionCallRequest, parseCallFormat } from '../../../main/providers/function-calls.ts';
import { grammarSchema } from '../../../main/providers/llama-cpp.ts';
import type { FunctionDefinition } from '../../../main/providers/provider.ts';

const pay: FunctionDefinition = {
  name: 'pay',
  parameters: { type: 'object', properties: { amount: { type: 'integer', minimum: 1, maximum: 100 }, memo: { type: 'string', pattern: '^[A-Z]{3}-\\d+$' } }, required: ['amount'] },
};

describe('function-call arguments are checked against the function\'s parameters', () => {
  it('passes arguments that match', () => {
    expect(checkCallArguments({ name: 'pay', arguments: { amount: 40, memo: 'INV-7' } }, [pay])).toEqual({ name: 'pay', arguments: { amount: 40, memo: 'INV-7' } });
  });

  it.each([
    [{ amount: 500_000_000 }, /amount: /],
    [{ amount: 0 }, /amount: /],
    [{ amount: 2.5 }, /amount: /],
    [{ memo: 'INV-7' }, /amount: /],
    [{ amount: 5, memo: 'drop table' }, /memo: /],
  ])('refuses %j as invalid-output, naming the path and never the value', (args, path) => {
    const error = (() => {
      try {
        checkCallArguments({ name: 'pay', arguments: args }, [pay]);
      } catch (e) {
        return e;
      }
      return undefined;
    })() as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.code).toBe('invalid-output');
    expect(error.message).toMatch(path);
    expect(error.message).not.toContain('500000000');
    expect(error.message).not.toContain('drop table');
  });

  it('refuses arguments missing a required name the parameters list but do not declare', () => {
    const fn: FunctionDefinition = { name: 'tag', parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id', 'label'] } };
    expect(() => checkCallArguments({ name: 'tag', arguments: { id: 'x' } }, [fn])).toThrow(/label: required/);
    expect(checkCallArguments({ name: 'tag', arguments: { id: 'x', label: 'y' } }, [fn]).arguments).toEqual({ id: 'x', label: 'y' });
  });

  it('checks the local model\'s grammar-shaped output the same way', () => {
    const calls = { functions: [pay], mode: 'required' as const };
    expect(parseCallFormat('{"tool_call":{"name":"pay","arguments":{"amount":7}}}', calls).functionCalls).toEqual([{ name: 'pay', arguments: { amount: 7 } }]);
    expect(() => parseCallFormat('{"tool_call":{"name":"pay","arguments":{"amount":500000000}}}', calls)).toThrow(/do not match its parameters/);
  });
});

describe('parameters as schema generators write them', () => {
  it('reads draft-07 definitions, as zod-to-json-schema and Pydantic v1 write them, and keeps a property named "definitions"', () => {
    const lookup: FunctionDefinition = {
      name: 'lookup',
      parameters: {
        type: 'object',
        properties: { who: { $ref: '#/definitions/person' }, definitions: { type: 'string' } },
        definitions: { person: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
      },
    };
    expect(checkCallArguments({ name: 'lookup', arguments: { who: { name: 'ann' }, definitions: 'x' } }, [lookup]).arguments).toEqual({ who: { name: 'ann' }, definitions: 'x' });
    expect(() => checkCallArguments({ name: 'lookup', arguments: { who: { name: 7 } } }, [lookup])).toThrow(/who\.name/);
  });

  it('refuses parameters it cannot read before the model runs, not after', () => {
    const request = { messages: [{ role: 'user' as const, content: 'x' }], maxTokens: 4, functions: [{ name: 'odd', parameters: { $ref: '#/nowhere' } }] };
    expect(() => functionCallRequest(request)).toThrow(/parameters of function "odd" are not a JSON Schema the appliance can check/);
  });
});

describe('the schema the local grammar is built from', () => {
  it('leaves value constraints to the check after generation, keeps names and values, and reads anyOf as oneOf', () => {
    const schema = {
      type: 'object',
      properties: { not: { type: 'integer', minimum: 1 }, tag: { anyOf: [{ const: 'a' }, { type: 'string', pattern: 'x' }] } },
      required: ['not'],
      default: { not: 1 },
    };
    expect(grammarSchema(schema)).toEqual({
      type: 'object',
      properties: { not: { type: 'integer' }, tag: { oneOf: [{ const: 'a' }, { type: 'string' }] } },
      required: ['not'],
      default: { not: 1 },
    });
  });

  it.each(['allOf', 'not', 'if', 'patternProperties'])('refuses %s, which it cannot express, saying where', (keyword) => {
    expect(() => grammarSchema({ type: 'object', properties: { a: { [keyword]: {} } } })).toThrow(new RegExp(`uses "${keyword}" at \\(root\\)\\.properties\\.a`));
  });
});
