import { TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { escapeTemplateLiterals, publishDocument, publishSecret, secretManifest } from '../../lib/core/document';
import { synth, testApp } from '../support/synth';

function stack(): TerraformStack {
  return new TerraformStack(testApp(), 'test');
}

describe('secretManifest', () => {
  test('is a v1 Opaque Secret with the name, namespace and stringData', () => {
    expect(secretManifest({ name: 's', namespace: 'ns', stringData: { A: '1', B: '' } })).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: 's', namespace: 'ns' },
      stringData: { A: '1', B: '' },
    });
  });
});

describe('escapeTemplateLiterals', () => {
  test('a literal "${" becomes "$${"', () => {
    expect(escapeTemplateLiterals('a${b}c')).toBe('a$${b}c');
    expect(escapeTemplateLiterals('${x}${y}')).toBe('$${x}$${y}');
  });

  test('a literal "%{" becomes "%%{"', () => {
    expect(escapeTemplateLiterals('%{if x}y%{endif}')).toBe('%%{if x}y%%{endif}');
  });

  test('a lone "$", "%" or "{" is left alone', () => {
    for (const s of ['$HOME', '100%', '{x}', '$ {x}', '% {x}', 'a$', '']) expect(escapeTemplateLiterals(s)).toBe(s);
  });

  test('numbers, booleans and null are left alone', () => {
    expect(escapeTemplateLiterals(42)).toBe(42);
    expect(escapeTemplateLiterals(false)).toBe(false);
    expect(escapeTemplateLiterals(null)).toBeNull();
  });

  test('strings holding tokens are left alone', () => {
    const v = new TerraformVariable(stack(), 'v', { type: 'string' }).stringValue;
    expect(escapeTemplateLiterals(v)).toBe(v);
    expect(escapeTemplateLiterals({ a: [v] })).toEqual({ a: [v] });
  });

  test('escapes deep inside objects and arrays, in a copy', () => {
    const input = { a: { b: ['%{x}', { c: 'p%{q}' }], n: 1 }, t: true };
    const out = escapeTemplateLiterals(input);
    expect(out).toEqual({ a: { b: ['%%{x}', { c: 'p%%{q}' }], n: 1 }, t: true });
    expect(input).toEqual({ a: { b: ['%{x}', { c: 'p%{q}' }], n: 1 }, t: true });
    expect(out).not.toBe(input);
  });

  test('keys are escaped like values (Terraform reads JSON object keys as templates), undefined members dropped', () => {
    expect(escapeTemplateLiterals({ 'x%{': 'v', 'y${1+1}': { 'z${a}': 1 }, plain: 'p', u: undefined } as any)).toEqual({ 'x%%{': 'v', 'y$${1+1}': { 'z$${a}': 1 }, plain: 'p' });
  });
});

describe('publishDocument', () => {
  test('publishes the document as a local value named by its id', () => {
    const s = stack();
    const local = publishDocument(s, 'doc', { a: 1, b: ['x', { c: null }], d: true });
    expect(local).toBeInstanceOf(TerraformLocal);
    expect(synth(s).locals).toEqual({ doc: { a: 1, b: ['x', { c: null }], d: true } });
  });

  test('escapes template sequences, so Terraform sees the literal text', () => {
    const s = stack();
    publishDocument(s, 'doc', { tpl: 'a${b}', dir: '%{if}', keep: '$HOME 100%' });
    expect(synth(s).locals!.doc).toEqual({ tpl: 'a$${b}', dir: '%%{if}', keep: '$HOME 100%' });
  });

  test('tokens in the document become Terraform references', () => {
    const s = stack();
    const v = new TerraformVariable(s, 'pw', { type: 'string' });
    publishDocument(s, 'doc', { pw: v.stringValue, nested: [v.stringValue] });
    expect(synth(s).locals!.doc).toEqual({ pw: '${var.pw}', nested: ['${var.pw}'] });
  });

  test('the local is referred to as local.<id>', () => {
    const s = stack();
    const local = publishDocument(s, 'doc', { a: 'b' });
    new TerraformOutput(s, 'out', { value: local.expression });
    expect(synth(s).output!.out.value).toBe('${local.doc}');
  });
});

describe('publishSecret', () => {
  function published() {
    const s = stack();
    const v = new TerraformVariable(s, 'pw', { type: 'string' });
    const secret = publishSecret(s, 'app_secret', { name: 'app-secret', namespace: 'app', stringData: { USER: 'admin', PASSWORD: v.stringValue, TPL: '%{x}' } });
    return { json: synth(s), secret };
  }

  test('returns the name, the namespace and both locals', () => {
    const { secret } = published();
    expect(secret.name).toBe('app-secret');
    expect(secret.namespace).toBe('app');
    expect(secret.data).toBeInstanceOf(TerraformLocal);
    expect(secret.manifest).toBeInstanceOf(TerraformLocal);
  });

  test('publishes the data map as <id>_data', () => {
    const { json } = published();
    expect(json.locals!.app_secret_data).toEqual({ USER: 'admin', PASSWORD: '${var.pw}', TPL: '%%{x}' });
  });

  test('publishes the manifest as <id>, its stringData referring to the data local', () => {
    const { json } = published();
    expect(json.locals!.app_secret).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: 'app-secret', namespace: 'app' },
      stringData: '${local.app_secret_data}',
    });
    expect(Object.keys(json.locals!).sort()).toEqual(['app_secret', 'app_secret_data']);
  });
});
