import { percentBarChart } from './bar-chart';

const bars = [
  { label: 'GET /products/:id', value: 25 },
  { label: 'search <random> & "terms"', value: 0.75 },
  { label: 'not run', value: undefined },
];

it('draws one bar per measured scenario, as wide as its share of a 100% scale', () => {
  const svg = percentBarChart('Percent of ceiling', bars);
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  const widths = [...svg.matchAll(/<rect class="bar" [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
  expect(widths).toEqual([95, 2.9]); // 380 px is 100%
  expect(svg).toContain('>25.0%<');
  expect(svg).toContain('>0.75%<');
  expect(svg).toContain('not measured');
});

it('escapes labels, so a route with < & " stays well-formed XML', () => {
  const svg = percentBarChart('a & b', bars);
  expect(svg).toContain('search &#60;random&#62; &#38; &#34;terms&#34;');
  expect(svg).not.toMatch(/<random>|& "/);
});

it('stretches the scale when a bar passes 100%', () => {
  const svg = percentBarChart('over', [{ label: 'a', value: 200 }]);
  expect([...svg.matchAll(/<rect class="bar" [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([380]);
});
