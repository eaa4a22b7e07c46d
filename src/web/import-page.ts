import type { RollImportReport, RollImportResult } from '../domain/ports/console.js';
import { html, type Raw } from './html.js';

export const ROLL_LABEL = { households: '农户', members: '家庭成员', cadres: '干部', links: '帮扶关系' } as const;
const ENCODING = { 'utf-8': 'UTF-8', gb18030: 'GB18030（GBK）' } as const;

/** The import form, with what the last import did (a households workbook gives two reports: 农户, 家庭成员). */
export function importPage(result?: RollImportResult | { error: string }): Raw {
  const shown = !result
    ? ''
    : 'error' in result
      ? html`<p class="error">${result.error}</p>`
      : result.reports.map((report, i) => importResult(report, i === 0, result.encoding));
  return html`<h1>导入导出</h1>
<div class="card"><form method="post" action="/console/import" enctype="multipart/form-data" class="filters">
<label>内容<select name="kind">${Object.entries(ROLL_LABEL).map(([v, label]) => html`<option value="${v}">${label}</option>`)}</select></label>
<label>文件（.csv 或 .xlsx）<input type="file" name="file" accept=".csv,.xlsx" required></label>
<label>CSV 编码<select name="charset"><option value="">自动识别</option><option value="utf-8">UTF-8</option><option value="gb18030">GBK / GB18030</option></select></label><button>导入</button></form>
<p class="muted">请先下载模板，按模板的列填写。有错误的行不会写入，其余行照常写入。农户 XLSX 的「家庭成员」工作表一并导入。</p>
<p id="import-templates">下载模板：${Object.entries(ROLL_LABEL).map(([v, label]) => html`<a href="/console/import/template/${v}.xlsx">${label}（XLSX）</a> <a href="/console/import/template/${v}.csv">（CSV）</a> `)}</p></div>${shown}
<h2>导出</h2><p><a href="/console/cases.xlsx">全部案件（XLSX）</a> · <a href="/console/compliance">周通报（在「走访合规」页导出）</a></p>`;
}

function importResult(report: RollImportReport, first: boolean, encoding: RollImportResult['encoding']): Raw {
  const id = (what: string) => (first ? what : `${what}-${report.kind}`);
  const read = encoding && encoding !== 'xlsx' ? `（按 ${ENCODING[encoding]} 编码读取）` : '';
  return html`
<p class="${report.errors.length ? 'error' : 'ok'}" id="${id('import-summary')}">${ROLL_LABEL[report.kind]}：共 ${report.rows} 行，写入 ${report.written} 行，错误 ${report.errors.length} 行${read}</p>
${
  report.errors.length
    ? html`<table id="${id('import-errors')}" class="stack"><thead><tr><th>行号</th><th>原因</th></tr></thead><tbody>${report.errors.map((e) => html`<tr><td>第 ${e.row} 行</td><td>${e.reason}</td></tr>`)}</tbody></table>`
    : ''
}`;
}
