import { describe, expect, it } from 'vitest';
import { type ChartContext, renderTemplate, TemplateError } from './renderChart';

const context = (values: Record<string, unknown>): ChartContext => ({
  Values: values,
  Release: { Name: 'rel', Namespace: 'default' },
  Chart: { Name: 'switchyard', Version: '0.1.0' },
});

describe('renderTemplate (the Go template subset the chart uses)', () => {
  it('substitutes values, quotes, trims around {{- -}} and ranges over maps in key order', () => {
    const template = `name: {{ .Release.Name }}-x
env:
{{- range $k, $v := .Values.env }}
  - {{ $k }}={{ $v | quote }}
{{- end }}
port: {{ .Values.port }}`;
    expect(renderTemplate(template, context({ env: { B: 2, A: 'one' }, port: 4000 }))).toBe(
      'name: rel-x\nenv:\n  - A="one"\n  - B="2"\nport: 4000',
    );
  });

  it('takes $ and the element inside a range, and if eq with else', () => {
    const template = `{{- range $name, $s := .Values.s }}[{{ $.Release.Name }} {{ $name }} {{ .port }}{{ if eq $name "b" }} B{{ else }} -{{ end }}]{{- end }}`;
    expect(renderTemplate(template, context({ s: { b: { port: 2 }, a: { port: 1 } } }))).toBe('[rel a 1 -][rel b 2 B]');
  });

  it('fails with the message of required when a value is empty, and on a path that names no value', () => {
    expect(() => renderTemplate('{{ required "set x" .Values.x | quote }}', context({ x: '' }))).toThrow('set x');
    expect(renderTemplate('{{ required "set x" .Values.x | quote }}', context({ x: 'y' }))).toBe('"y"');
    expect(() => renderTemplate('{{ .Values.nope }}', context({}))).toThrow(TemplateError);
  });

  it('refuses what it does not implement instead of rendering it wrong', () => {
    expect(() => renderTemplate('{{ include "x" . }}', context({}))).toThrow('outside the subset');
    expect(() => renderTemplate('{{ .Values.x | upper }}', context({ x: 'a' }))).toThrow('outside the subset');
    expect(() => renderTemplate('{{ if .Values.x }}a', context({ x: 1 }))).toThrow('not closed');
  });
});
