/** Styles of the bill section, the pay sheet and the return panel (added once, with the pay chunk). */
export const PAY_CSS = `
.py-sum{border-top:1px solid #e3e3e3;margin-top:10px;padding-top:4px}
.py-fig{display:grid;grid-template-columns:1fr auto;gap:2px 12px;margin:4px 0}
.py-fig dt{color:#3a3a3a}.py-fig dd{margin:0;text-align:right;font-weight:600;font-variant-numeric:tabular-nums}
.py-fig .py-left{font-size:1.1rem;color:#1a1a1a}
.py-bar{height:8px;border-radius:4px;background:#e6e6e6;overflow:hidden;margin:6px 0}
.py-bar i{display:block;height:100%;background:#15803d}
.py-who{list-style:none;margin:4px 0;padding:0}.py-who li{padding:2px 0}
.py-who .py-p::before{content:"✓ ";color:#15803d;font-weight:700}.py-who .py-h::before{content:"… ";color:#6b4a00;font-weight:700}
.py-pay{width:100%;margin-top:8px;background:var(--a);color:#fff}
.py-done{padding:8px 12px;border-radius:10px;background:#e3f4e8;color:#14532d;font-weight:600;margin:8px 0!important}
.py-mark{font-weight:600;padding:1px 8px;border-radius:6px;white-space:nowrap}
.py-m-paid{background:#e3f4e8;color:#14532d}.py-m-held{background:#fff4d6;color:#6b4a00}
.py-sheet fieldset{border:0;margin:12px 0 0;padding:0;min-width:0}
.py-sheet legend{font-weight:700;padding:0;margin-bottom:4px;font-size:1.05rem}
.py-sub{margin:2px 0 0;color:#3a3a3a}
.py-opt{display:flex;align-items:center;gap:10px;min-height:48px;padding:4px 12px;margin:4px 0;border:1px solid #c9c9c9;border-radius:10px;cursor:pointer;background:#fff}
.py-opt input{width:20px;height:20px;margin:0;flex:none;accent-color:var(--a)}
.py-opt:has(input:checked){border:2px solid var(--a);padding:3px 11px;background:var(--s,#f6f6f6)}
.py-opt:has(input:disabled){cursor:not-allowed;background:#f4f4f4;color:#4a4a4a}
.py-opt:has(input:focus-visible){outline:3px solid var(--a);outline-offset:2px}
.py-opt input:focus-visible{outline:none}
.py-opt .py-l{flex:1;min-width:0}.py-opt small{display:block;color:#4a4a4a;font-size:1rem}
.py-amt{font-weight:700;white-space:nowrap;font-variant-numeric:tabular-nums}
.py-tips{display:flex;flex-wrap:wrap;gap:0 8px}.py-tips legend{width:100%}.py-tips .py-opt{flex:1 1 140px}
.py-detail{margin:8px 0 0;padding:8px 12px;border-radius:10px;background:#f6f6f6}
.py-detail p{margin:4px 0!important}
.py-step{display:flex;align-items:center;justify-content:space-between;gap:8px;min-height:48px}
.py-step .qty button{background:#fff}
.py-step output{min-width:2.5ch;text-align:center;font-weight:700;font-size:1.15rem}
.py-shares{list-style:none;margin:4px 0 0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:4px}
.py-shares li{display:flex;justify-content:space-between;gap:6px;padding:4px 8px;border-radius:8px;background:#fff;border:1px solid #d6d6d6}
.py-shares .py-s-mine{border:2px solid var(--a);font-weight:600}.py-shares .py-s-paid,.py-shares .py-s-held{color:#4a4a4a;background:#efefef}
.py-field{display:flex;flex-direction:column;gap:4px;margin:8px 0 0}
.py-field input{min-height:44px;padding:0 10px;border:1px solid #8a8a8a;border-radius:8px;font:inherit;max-width:220px}
.py-foot{position:sticky;bottom:0;background:#fff;margin:12px -16px -16px;padding:10px 16px calc(12px + env(safe-area-inset-bottom));border-top:1px solid #e3e3e3}
.py-total{margin:0 0 6px!important;display:flex;flex-wrap:wrap;justify-content:space-between;gap:0 8px}
.py-total strong{font-size:1.15rem}.py-total span{color:#3a3a3a}
.py-go{width:100%;min-height:52px;font-size:1.05rem}
.py-note{margin:8px 0 0!important;padding:8px 10px;border-radius:8px;background:#fff4d6;color:#4a3500}
.py-err{margin:0 0 6px!important;color:#a3121a;font-weight:600}.py-err:empty{display:none}
.py-back h2{font-size:1.25rem}
.py-back .py-big{font-size:1.6rem;font-weight:700;margin:8px 0!important}
.py-back .py-acts{display:flex;flex-direction:column;gap:8px;margin-top:12px}
.py-back .py-acts .btn{width:100%}
.py-back .py-acts .py-first{background:var(--a);color:#fff}
.py-st-pending{color:#6b4a00}.py-st-paid{color:#14532d}.py-st-bad{color:#8a1414}
`;
