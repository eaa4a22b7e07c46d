import { html, type Raw, raw } from './html.js';

/** One chart as data: the page draws it with ECharts (served from node_modules, never a CDN). */
export interface ChartSpec {
  id: string;
  title: string;
  categories: string[];
  series: Array<{ name: string; data: Array<number | null>; stack?: string; type?: 'bar' | 'line'; color?: string }>;
  /** Values are shares 0–1, drawn as percentages; null is a gap ("—"), never 100%. */
  percent?: boolean;
  /** Bars run sideways (long category names). */
  horizontal?: boolean;
}

/** Where the page loads ECharts from (handlers/console-dashboard.ts serves the file). */
export const ECHARTS_PATH = '/console/assets/echarts.min.js';

const COLORS = ['#0b5cad', '#16a34a', '#f59e0b', '#b91c1c', '#7c3aed', '#0891b2', '#64748b'];

// Runs in the browser: one ECharts instance per spec, redrawn when the window changes size.
const INIT = `(function(){
var specs=JSON.parse(document.getElementById('chart-specs').textContent);var charts=[];
specs.forEach(function(s){var el=document.getElementById(s.id);if(!el||!window.echarts)return;
var c=echarts.init(el,null,{renderer:'svg'});var pct=function(v){return v==null?'—':Math.floor(v*100)+'%'};
var cat={type:'category',data:s.categories,axisLabel:{interval:0,hideOverlap:true,fontSize:11}};
var val={type:'value',minInterval:1,max:s.percent?1:null,axisLabel:s.percent?{formatter:pct}:{}};
c.setOption({color:${JSON.stringify(COLORS)},animation:false,
tooltip:{trigger:'axis',valueFormatter:s.percent?pct:undefined},legend:{top:0,type:'scroll'},
grid:{left:8,right:16,top:36,bottom:8,containLabel:true},
xAxis:s.horizontal?val:cat,yAxis:s.horizontal?Object.assign({},cat,{inverse:true}):val,
series:s.series.map(function(x){return{name:x.name,type:s.horizontal?'bar':x.type||'bar',stack:x.stack,data:x.data,connectNulls:false,itemStyle:x.color?{color:x.color}:undefined,
label:s.percent&&el.clientWidth>520?{show:true,position:'top',formatter:function(p){return pct(p.value)}}:undefined}})});
el.setAttribute('data-drawn','1');charts.push(c)});
window.addEventListener('resize',function(){charts.forEach(function(c){c.resize()})});})();`;

/** A chart's box; drawn by chartScripts() at the end of the page. */
export const chartBox = (spec: ChartSpec): Raw =>
  html`<div class="chart" id="${spec.id}" role="img" aria-label="${spec.title}"></div>`;

/** The specs as JSON (with `<` escaped so no text closes the script), ECharts, and the drawing code. */
export function chartScripts(specs: ChartSpec[]): Raw {
  const json = JSON.stringify(specs).replace(/</g, '\\u003c');
  return html`<script type="application/json" id="chart-specs">${raw(json)}</script>
<script src="${ECHARTS_PATH}"></script><script>${raw(INIT)}</script>`;
}

/** The dashboard's own layout: figure tiles and chart boxes that fit a phone's width. */
export const DASHBOARD_STYLE = `<style>
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin-bottom:12px}
.tile{background:#fff;border-radius:6px;padding:10px 14px}.tile b{display:block;font-size:22px}.tile span{color:#52606d;font-size:12px}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,460px),1fr));gap:12px}
.chart{width:100%;height:280px;min-width:0}.panel{background:#fff;border-radius:6px;padding:10px 12px;min-width:0}
.panel h2{margin:0 0 6px}.panel details{margin-top:6px}.pass{color:#065f46;font-weight:600}.fail{color:#b91c1c;font-weight:600}
</style>`;
