import { describe, expect, it } from 'vitest';
import { escapeHtml, renderInline, renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders headings, lists, inline code, bold and paragraphs', () => {
    const markdown = [
      '# Supergraph version 2',
      '',
      'Changes since version 1 · **two** of them',
      '',
      '## ⚠️ Breaking changes (1)',
      '',
      '- Field `User.email` was removed; stop selecting it.',
      '- Type `Order` *changed*',
      '',
      '1. first',
      '2. second',
    ].join('\n');
    expect(renderMarkdown(markdown)).toBe(
      [
        '<h1>Supergraph version 2</h1>',
        '<p>Changes since version 1 · <strong>two</strong> of them</p>',
        // The emoji becomes an inline SVG icon: no emoji font needed.
        '<h2><svg class="icon icon-warning" viewBox="0 0 24 24" width="16" height="16" role="img" aria-label="warning" focusable="false"><path d="M12 3 2 21h20L12 3zm0 6v6m0 3v.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg> Breaking changes (1)</h2>',
        '<ul><li>Field <code>User.email</code> was removed; stop selecting it.</li><li>Type <code>Order</code> <em>changed</em></li></ul>',
        '<ol><li>first</li><li>second</li></ol>',
      ].join('\n'),
    );
  });

  it('keeps fenced code literal', () => {
    expect(renderMarkdown('```graphql\ntype A { b: **C** }\n```')).toBe(
      '<pre><code class="language-graphql">type A { b: **C** }</code></pre>',
    );
  });

  it('escapes HTML everywhere, so a changelog cannot inject markup', () => {
    const html = renderMarkdown(
      '# <img src=x onerror=alert(1)>\n- `<script>`\n- **<b>bold</b>**\n\n<a href="javascript:alert(1)">x</a>\n```\n</code><script>alert(1)</script>\n```',
    );
    expect(html).not.toMatch(/<(img|script|a|b)[\s>]/);
    expect(html).toContain('<h1>&#60;img src=x onerror=alert(1)&#62;</h1>');
    expect(html).toContain('<code>&#60;script&#62;</code>');
    expect(html).toContain('<strong>&#60;b&#62;bold&#60;/b&#62;</strong>');
    expect(html).toContain('&#60;a href=&#34;javascript:alert(1)&#34;&#62;x&#60;/a&#62;');
  });

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;',
    );
  });
});

describe('renderInline', () => {
  it('renders code and bold in one line and escapes the rest', () => {
    expect(renderInline('Field `User.email` was **removed** <b>now</b>')).toBe(
      'Field <code>User.email</code> was <strong>removed</strong> &#60;b&#62;now&#60;/b&#62;',
    );
  });
});
