import { h, s } from './dom';

/**
 * Small SVG charts of our own: no dependency, nothing inline that the CSP would block (colours come
 * from classes in lab.css that map to --vscode-* variables), and crisp at any zoom.
 */

/** A colour slot; lab.css maps each to a VS Code theme colour. */
export type ColorClass = `c-${'pre' | 'scratch' | 'loss' | 'val' | 'muted'}` | `g${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7}`;

/** A line (and optional band) on a chart. */
export interface Series {
  label: string;
  color: ColorClass;
  points: readonly (readonly [number, number])[];
  /** Spread around the line: [x, low, high]. */
  band?: readonly (readonly [number, number, number])[];
  dashed?: boolean;
  markers?: boolean;
  thin?: boolean;
}

/** A line chart. */
export interface LineChartSpec {
  /** Accessible name and visible caption. */
  title: string;
  xLabel: string;
  yLabel: string;
  x: { min: number; max: number; log2?: boolean; ticks?: readonly number[]; format?: (v: number) => string };
  y: { min: number; max: number; ticks?: readonly number[]; format?: (v: number) => string };
  series: readonly Series[];
  /** Horizontal reference lines. */
  rules?: readonly { y: number; label: string; color: ColorClass }[];
  /** Text shown in the plot area when no series has points yet. */
  empty?: string;
}

const W = 560;
const H = 250;
const M = { top: 12, right: 16, bottom: 40, left: 52 };

function niceTicks(min: number, max: number, count = 5): number[] {
  const span = max - min || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((st) => span / st <= count) ?? mag * 10;
  const out: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

/** Rounds a domain outward to a tidy range. */
export function niceDomain(values: readonly number[], fallback: [number, number], pad = 0.05): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return fallback;
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (hi - lo < 1e-9) {
    lo -= 0.5;
    hi += 0.5;
  }
  const p = (hi - lo) * pad;
  return [lo - p, hi + p];
}

/** Renders a line chart as a figure with an SVG plot and an HTML legend. */
export function lineChart(spec: LineChartSpec): HTMLElement {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const tx = (v: number): number => (spec.x.log2 ? Math.log2(v) : v);
  const x0 = tx(spec.x.min);
  const x1 = tx(spec.x.max);
  const sx = (v: number): number => M.left + ((tx(v) - x0) / (x1 - x0 || 1)) * pw;
  const sy = (v: number): number => M.top + ph - ((v - spec.y.min) / (spec.y.max - spec.y.min || 1)) * ph;
  const clampY = (v: number): number => Math.min(spec.y.max, Math.max(spec.y.min, v));
  const fx = spec.x.format ?? ((v: number) => String(v));
  const fy = spec.y.format ?? ((v: number) => String(v));
  const xTicks = spec.x.ticks ?? niceTicks(spec.x.min, spec.x.max, 6);
  const yTicks = spec.y.ticks ?? niceTicks(spec.y.min, spec.y.max, 5);

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': spec.title });
  const grid = s('g', { class: 'grid' });
  for (const t of yTicks) {
    grid.append(s('line', { x1: M.left, x2: M.left + pw, y1: sy(t), y2: sy(t) }));
    svg.append(s('text', { class: 'tick', x: M.left - 6, y: sy(t) + 4, 'text-anchor': 'end' }, fy(t)));
  }
  for (const t of xTicks) {
    grid.append(s('line', { class: 'x', x1: sx(t), x2: sx(t), y1: M.top, y2: M.top + ph }));
    svg.append(s('text', { class: 'tick', x: sx(t), y: M.top + ph + 16, 'text-anchor': 'middle' }, fx(t)));
  }
  svg.append(grid);
  svg.append(s('rect', { class: 'frame', x: M.left, y: M.top, width: pw, height: ph }));
  svg.append(s('text', { class: 'axis-label', x: M.left + pw / 2, y: H - 4, 'text-anchor': 'middle' }, spec.xLabel));
  svg.append(s('text', { class: 'axis-label', x: 12, y: M.top + ph / 2, 'text-anchor': 'middle', transform: `rotate(-90 12 ${M.top + ph / 2})` }, spec.yLabel));

  for (const r of spec.rules ?? []) {
    if (r.y < spec.y.min || r.y > spec.y.max) continue;
    svg.append(s('line', { class: `rule ${r.color}`, x1: M.left, x2: M.left + pw, y1: sy(r.y), y2: sy(r.y) }, s('title', {}, r.label)));
  }
  const plot = s('g', { class: 'plot' });
  for (const se of spec.series) {
    if (se.band && se.band.length > 1) {
      const top = se.band.map(([x, , hi]) => `${sx(x).toFixed(1)},${sy(clampY(hi)).toFixed(1)}`);
      const bottom = se.band
        .slice()
        .reverse()
        .map(([x, lo]) => `${sx(x).toFixed(1)},${sy(clampY(lo)).toFixed(1)}`);
      plot.append(s('polygon', { class: `band ${se.color}`, points: [...top, ...bottom].join(' ') }));
    }
    if (se.points.length > 1) {
      const d = se.points.map(([x, y], i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(clampY(y)).toFixed(1)}`).join('');
      plot.append(s('path', { class: `line ${se.color}${se.dashed ? ' dashed' : ''}${se.thin ? ' thin' : ''}`, d }));
    }
    if (se.markers || se.points.length === 1) {
      for (const [x, y] of se.points) {
        plot.append(
          s('circle', { class: `marker ${se.color}`, cx: sx(x).toFixed(1), cy: sy(clampY(y)).toFixed(1), r: 3 }, s('title', {}, `${se.label}: ${fy(y)} at ${spec.xLabel.toLowerCase()} ${fx(x)}`)),
        );
      }
    }
  }
  svg.append(plot);
  if (spec.empty && spec.series.every((se) => se.points.length === 0)) {
    svg.append(s('text', { class: 'empty', x: M.left + pw / 2, y: M.top + ph / 2, 'text-anchor': 'middle' }, spec.empty));
  }
  const legend = h(
    'ul',
    { class: 'legend' },
    spec.series.map((se) => h('li', {}, h('span', { class: `swatch line ${se.color}${se.dashed ? ' dashed' : ''}`, 'aria-hidden': 'true' }), se.label)),
  );
  return h('figure', { class: 'chart-figure' }, h('figcaption', {}, spec.title), svg, legend);
}

/** A point of a scatter plot. */
export interface ScatterPoint {
  x: number;
  y: number;
  label: string;
  color: ColorClass;
  /** Circle (true) or square (false). */
  round: boolean;
  hollow: boolean;
  /** Shown with a text label; otherwise a small unlabeled dot. */
  labelled: boolean;
  tooltip: string;
}

/** A scatter plot with word labels, for the embedding maps. */
export function scatterChart(title: string, points: readonly ScatterPoint[], caption: string, axes?: { x: string; y: string }): HTMLElement {
  const size = 360;
  const m = 14;
  const xs = niceDomain(points.map((p) => p.x), [-1, 1], 0.08);
  const ys = niceDomain(points.map((p) => p.y), [-1, 1], 0.08);
  const sx = (v: number): number => m + ((v - xs[0]) / (xs[1] - xs[0])) * (size - 2 * m);
  const sy = (v: number): number => size - m - ((v - ys[0]) / (ys[1] - ys[0])) * (size - 2 * m);
  const svg = s('svg', { viewBox: `0 0 ${size} ${size}`, class: 'chart scatter', role: 'img', 'aria-label': title });
  svg.append(s('rect', { class: 'frame', x: 0.5, y: 0.5, width: size - 1, height: size - 1 }));
  if (xs[0] < 0 && xs[1] > 0) svg.append(s('line', { class: 'axis0', x1: sx(0), x2: sx(0), y1: 0, y2: size }));
  if (ys[0] < 0 && ys[1] > 0) svg.append(s('line', { class: 'axis0', x1: 0, x2: size, y1: sy(0), y2: sy(0) }));
  const dots = s('g', {});
  const labels = s('g', { class: 'word-labels' });
  const ordered = points.slice().sort((a, b) => Number(a.labelled) - Number(b.labelled));
  for (const p of ordered) {
    const cx = sx(p.x);
    const cy = sy(p.y);
    const cls = `pt ${p.color}${p.hollow ? ' hollow' : ''}${p.labelled ? '' : ' minor'}`;
    const r = p.labelled ? 4 : 2;
    const shape = p.round
      ? s('circle', { class: cls, cx: cx.toFixed(1), cy: cy.toFixed(1), r })
      : s('rect', { class: cls, x: (cx - r).toFixed(1), y: (cy - r).toFixed(1), width: 2 * r, height: 2 * r });
    shape.append(s('title', {}, p.tooltip));
    dots.append(shape);
    if (p.labelled) labels.append(s('text', { class: `word ${p.color}`, x: (cx + 6).toFixed(1), y: (cy + 3).toFixed(1) }, p.label));
  }
  svg.append(dots, labels);
  if (axes) {
    svg.append(s('text', { class: 'axis-label', x: size - 6, y: size - 6, 'text-anchor': 'end' }, `${axes.x} →`));
    svg.append(s('text', { class: 'axis-label', x: 6, y: 6, 'text-anchor': 'end', transform: `rotate(-90 6 6)` }, `${axes.y} →`));
  }
  return h('figure', { class: 'chart-figure scatter-figure' }, h('figcaption', {}, title), svg, h('p', { class: 'caption' }, caption));
}
