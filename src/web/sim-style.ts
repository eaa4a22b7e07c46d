/** The simulator's and start page's look: a WeCom-like chat (grey pane, green bubbles, white cards). */
export const SIM_STYLE = `
*{box-sizing:border-box}
body{font:14px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2933;background:#f5f7fa}
a{color:#0b5cad}.muted{color:#7b8794}
.top{background:#0b5cad;color:#fff;padding:0 16px;height:48px;display:flex;align-items:center;gap:16px}
.top a{color:#dbeafe;text-decoration:none}.top strong{white-space:nowrap}
.wrap{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:20px;margin:4px 0 8px}h2{font-size:16px;margin:18px 0 8px}
table.people{border-collapse:collapse;width:100%;background:#fff;border-radius:8px;overflow:hidden}
.people td{border-bottom:1px solid #e4e7eb;padding:8px 10px;vertical-align:middle}
.people a.who{display:inline-flex;align-items:center;gap:10px;font-weight:600;text-decoration:none}
.people a.who::before{content:attr(data-av);width:32px;height:32px;border-radius:6px;display:inline-flex;align-items:center;justify-content:center;color:#fff;font-size:12px;background:#10b981}
.people a.cadre::before{background:#f59e0b}
.avatar{flex:none;width:36px;height:36px;border-radius:6px;display:flex;align-items:center;justify-content:center;color:#fff;font-weight:600;font-size:12px;background:#3b82f6}
.avatar.bot{background:#0b5cad}.avatar.villager{background:#10b981}.avatar.cadre{background:#f59e0b}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px}
.tile{background:#fff;border-radius:8px;padding:16px;border:1px solid #e4e7eb}.tile h2{margin-top:0}
.hint{background:#fff7ed;border:1px solid #fed7aa;border-radius:6px;padding:8px 12px;font-size:13px}
.sim{display:flex;gap:16px;align-items:flex-start}
.phone{flex:1;min-width:0;max-width:680px;background:#ededed;border-radius:10px;overflow:hidden;border:1px solid #d9d9d9;display:flex;flex-direction:column}
.bar{display:flex;align-items:center;gap:8px;background:#f7f7f7;border-bottom:1px solid #ddd;padding:8px 12px}
.bar .title{flex:1;min-width:0;text-align:center}.bar .title b{display:block;font-size:15px}
.bar .title small{color:#7b8794;font-size:12px}.bar a{text-decoration:none;white-space:nowrap}
.bar button,.row button,.say button{font:inherit;border:0;border-radius:4px;cursor:pointer}
.bar button{background:#fff;border:1px solid #ccc;padding:3px 10px;color:#b91c1c}
#chat{height:calc(100vh - 250px);min-height:320px;overflow-y:auto;padding:10px 12px}
.time{text-align:center;color:#999;font-size:12px;margin:10px 0 4px}
.msg{display:flex;gap:8px;margin:8px 0;align-items:flex-start}.msg.me{flex-direction:row-reverse}
.bubble{white-space:pre-wrap;word-break:break-word;padding:8px 11px;border-radius:6px;max-width:min(460px,75%);background:#fff}
.msg.me .bubble{background:#95ec69}
.sim-card{background:#fff;border-radius:6px;max-width:min(420px,80%);width:100%;overflow:hidden}
.sim-card .src{font-size:12px;color:#7b8794;padding:8px 12px 0}.sim-card .tt{font-weight:600;font-size:15px;padding:4px 12px 0}
.sim-card .ds{color:#7b8794;font-size:12px;padding:0 12px}.sim-card .qt{white-space:pre-line;margin:6px 12px 0;padding:4px 8px;background:#f5f7fa;border-left:3px solid #d0d7de;font-size:12px}.sim-card .sub{padding:6px 12px 0}
.sim-card .kv{display:flex;gap:8px;padding:2px 12px;font-size:13px}.sim-card .kv span:first-child{color:#7b8794;flex:none;width:5.5em}
.sim-card .btns{display:flex;border-top:1px solid #eee;margin-top:8px}
.sim-card .btns button{flex:1;background:#fff;color:#0b5cad;padding:9px 4px;border:0;border-left:1px solid #eee;font:inherit;cursor:pointer}
.sim-card .btns button:first-child{border-left:0}.sim-card .btns button:disabled{color:#9aa5b1;cursor:default}
.row{padding:6px 12px 0}.row button{background:#fff;border:1px solid #ccc;padding:4px 10px}
.say{display:flex;gap:8px;padding:8px 12px 10px;background:#f7f7f7;border-top:1px solid #ddd}
.say input{flex:1;min-width:0;font:inherit;padding:7px 9px;border:1px solid #ccc;border-radius:4px}
.say button{background:#07c160;color:#fff;padding:7px 16px}
#sim-error{color:#b91c1c;font-size:12px;padding:0 12px}
.panel{width:300px;flex:none;background:#fff;border-radius:10px;border:1px solid #e4e7eb;padding:12px 14px}
.panel h2{margin:0 0 4px}.panel dl{display:grid;grid-template-columns:5.5em 1fr;gap:4px 10px;margin:8px 0 0}
.panel dt{color:#52606d}.panel dd{margin:0;word-break:break-word}
@media (max-width:760px){.sim{flex-direction:column}.panel{width:100%}.wrap{padding:8px}
.people tr{display:block;border-bottom:1px solid #e4e7eb;padding:6px 0}.people td{display:block;border:0;padding:2px 10px}
#chat{height:calc(100vh - 200px)}.top{gap:10px;padding:0 10px}.top a{font-size:13px}}
`;
