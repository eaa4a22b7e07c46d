/**
 * The console's one stylesheet. Phones first: below 720 px the sections fold into a 菜单 button, forms
 * stack, and a table marked `stack` shows each row as a card (every cell labelled by data-label);
 * other wide content scrolls inside its own box, never the page.
 */
export const CONSOLE_STYLE = `
*{box-sizing:border-box}
body{font:14px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2933;background:#f5f7fa;overflow-wrap:anywhere}
header{background:#0b5cad;color:#fff;padding:0 20px;display:flex;gap:18px;align-items:center;min-height:48px;flex-wrap:wrap}
header .brand{white-space:nowrap}header nav{display:flex;gap:16px;flex-wrap:wrap}
header a{color:#dbeafe;text-decoration:none;white-space:nowrap}header a.on{color:#fff;font-weight:600}
header .who{margin-left:auto;font-size:12px;display:flex;gap:6px;align-items:center}
header .who form{display:inline}header .who button{padding:2px 8px}
#nav-toggle{display:none}header .menu{display:none;cursor:pointer;border:1px solid #dbeafe;border-radius:4px;padding:2px 10px;font-size:13px}
main{padding:16px 20px;max-width:1200px}h1{font-size:20px;margin:4px 0 12px}h2{font-size:16px;margin:18px 0 8px}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border-bottom:1px solid #e4e7eb;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef2f7;font-weight:600}th a{color:inherit}.scroll{overflow-x:auto;max-width:100%}
form.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin-bottom:12px}
label{display:flex;flex-direction:column;font-size:12px;color:#52606d}select,input,button,textarea{font:inherit;padding:4px 6px;max-width:100%}
button,.button{background:#0b5cad;color:#fff;border:0;border-radius:4px;padding:6px 14px;cursor:pointer;text-decoration:none;display:inline-block}
.button.plain{background:#fff;color:#0b5cad;border:1px solid #0b5cad}
.tag{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;background:#e4e7eb}.green{background:#d1fae5;color:#065f46}
.late{color:#b91c1c;font-weight:600}.muted{color:#7b8794}.card{background:#fff;padding:12px 16px;border-radius:6px;margin-bottom:12px}
.error{background:#fee2e2;color:#991b1b;padding:8px 12px;border-radius:4px}.ok{background:#d1fae5;color:#065f46;padding:8px 12px;border-radius:4px}
dl{display:grid;grid-template-columns:120px 1fr;gap:4px 12px;margin:0}dt{color:#52606d}dd{margin:0}
.pager{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin:10px 0}.actions{display:flex;gap:16px;flex-wrap:wrap}
.actions form{flex:1 1 260px}svg{max-width:100%;height:auto}
@media (max-width:720px){
header{padding:8px 12px;gap:8px}header .menu{display:inline-block}
header nav{display:none;order:5;flex-basis:100%;flex-direction:column;gap:0}
header nav a{padding:8px 4px;border-top:1px solid #3b7fc4}
#nav-toggle:checked~nav{display:flex}header .who{margin-left:auto}header .who .label{display:none}
main{padding:12px}form.filters{flex-direction:column;align-items:stretch}form.filters label,form.filters input,form.filters select{width:100%}
dl{grid-template-columns:88px 1fr}
table.stack thead{display:none}table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
table.stack tr{border:1px solid #e4e7eb;border-radius:6px;margin-bottom:8px;background:#fff;padding:4px 0}
table.stack td{border:0;padding:2px 10px;display:flex;gap:8px}
table.stack td[data-label]::before{content:attr(data-label);flex:0 0 72px;color:#7b8794;font-size:12px}table.stack td:empty{display:none}
}`;
