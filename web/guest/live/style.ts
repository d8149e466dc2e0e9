/** Styles of the live cart, added by the island (the page's own CSS is inlined by the server). */
export const CSS = `
#table-live h3{font-size:1.05rem;margin:14px 0 6px}
.lv-top{display:flex;justify-content:space-between;align-items:center;gap:8px}
.lv-state{padding:2px 10px;border-radius:999px;background:#eee;color:#333}
.lv-live{background:#e3f4e8;color:#14532d}.lv-reconnecting,.lv-connecting{background:#fff4d6;color:#6b4a00}.lv-offline{background:#fde8e8;color:#8a1414}
.lv-who{margin:8px 0 0!important;display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.lv-d{padding:1px 8px;border-radius:999px;border:1px solid #c9c9c9;background:#fff}
.lv-d.away{border-style:dashed;background:#f4f4f4;color:#555}.lv-d small{font-size:1rem}
.lv-d.on::before{content:"";display:inline-block;width:8px;height:8px;border-radius:50%;background:#15803d;margin-right:5px}
.lv-link{min-height:44px;border:0;background:none;color:var(--a);font:inherit;font-weight:600;padding:0;cursor:pointer}
.lv-group,.lv-round{border-top:1px solid #e3e3e3;padding-top:6px;margin-top:6px}
.lv-owner{font-weight:600;color:#4a4a4a}
.lv-lines{list-style:none;margin:0;padding:0}
.lv-lines li{display:flex;flex-wrap:wrap;align-items:center;gap:4px 10px;padding:6px 0}
.lv-name{flex:1 1 60%}.lv-name small{display:block;font-size:1rem;color:#4a4a4a}
.lv-price{font-weight:600;white-space:nowrap}
.lv-qty{display:flex;gap:6px;margin-left:auto}
.lv-qty .lv-opts{width:auto;padding:0 12px;font:inherit;font-weight:600;color:var(--a)}
.lv-qty button{width:44px;height:44px;border-radius:10px;border:1px solid #c9c9c9;background:#fff;font-size:1.2rem;cursor:pointer}
.lv-bad .lv-t{text-decoration:line-through}.lv-warn{color:#8a1414!important;text-decoration:none}
.lv-total{display:flex;justify-content:space-between;padding:8px 0;border-top:1px solid #e3e3e3;margin-top:6px}
.lv-send{width:100%;margin-top:6px;background:var(--a);color:#fff}
.lv-send:disabled{background:#e0e0e0;border-color:#e0e0e0;color:#4a4a4a}
.lv-muted{color:#4a4a4a;margin:4px 0!important}
.lv-note{min-height:1.5em;color:#14532d;font-weight:600;margin:6px 0!important}
.lv-st{font-weight:600;padding:1px 8px;border-radius:6px;background:#eee;white-space:nowrap}
.st-preparing{background:#fff4d6;color:#6b4a00}.st-ready{background:#dbeafe;color:#1e3a8a}.st-served{background:#e3f4e8;color:#14532d}.st-voided{background:#fde8e8;color:#8a1414}
.lv-calls{display:flex;flex-wrap:wrap;gap:6px}
.lv-form{display:flex;gap:6px;align-items:flex-end;flex-wrap:wrap;width:100%}
.lv-form label{display:flex;flex-direction:column;flex:1}
.lv-has-bar{padding-bottom:112px}.lv-has-bar .toast{bottom:120px}
.lv-bar{position:fixed;left:0;right:0;bottom:0;z-index:20;display:flex;flex-wrap:wrap;gap:4px 8px;padding:6px 12px calc(8px + env(safe-area-inset-bottom));background:#fff;border-top:1px solid #d6d6d6;box-shadow:0 -2px 8px rgba(0,0,0,.06)}
.lv-bar:empty{display:none}
.lv-bar-cart{flex:1;min-width:0;min-height:52px;border:0;border-radius:10px;background:var(--a);color:#fff;font:inherit;font-weight:600;cursor:pointer;padding:4px 12px;text-align:left;display:flex;flex-direction:column;justify-content:center}
.lv-bar-main,.lv-bar-sum{display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:100%}
.lv-bar-sub{flex:1 0 100%;margin:0!important;color:#2a2a2a;line-height:1.4}
.lv-dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px;background:#999;vertical-align:middle}
.lv-conn-live .lv-dot{background:#15803d}.lv-conn-connecting .lv-dot,.lv-conn-reconnecting .lv-dot{background:#d97706}.lv-conn-offline .lv-dot{background:#b91c1c}.lv-conn-offline{color:#8a1414}
.lv-flash{font-weight:600;color:#14532d}.lv-flash::before{content:"✓ "}.lv-flash.bad{color:#8a1414}.lv-flash.bad::before{content:"✕ "}
.lv-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.lv-wait{margin:6px 0!important;padding:8px 10px;border-radius:8px;background:#fff4d6;color:#4a3500}
.lv-queue{margin:6px 0;padding:6px 10px;border:1px dashed #b08900;border-radius:8px}.lv-queue ul{margin:0;padding-left:20px}
.lv-changed .lv-price{color:#8a1414}.lv-was s{text-decoration:line-through}
.dish.gone{display:none}
.lv-note.bad{color:#8a1414}
.lv-form input{min-height:44px;font:inherit;padding:0 10px;border:1px solid #8a8a8a;border-radius:8px}
.lv-edit .line label{flex-basis:100%}.lv-edit .add{width:100%;margin-top:8px;position:sticky;bottom:0;box-shadow:0 0 0 8px #fff}.lv-edit h2{font-size:1.2rem;padding-top:10px}
`;
