/**
 * Guest page CSS, inlined (one request less on a slow network). Mobile first at 360 px: 16 px
 * text, 44 px tap targets, one accent colour from the merchant's branding (--a, darkened for AA).
 */
export const GUEST_CSS = `
.skip{position:absolute;left:8px;top:-60px;z-index:20;background:#fff;color:#111;padding:10px 14px;border-radius:8px}.skip:focus{top:8px}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Hiragino Sans GB","Microsoft YaHei",sans-serif;color:#1a1a1a;background:#fff}
a{color:var(--a)}
img{max-width:100%;display:block}
h1,h2,h3{line-height:1.25;margin:0}
small{font-size:inherit}
.wrap{max-width:720px;margin:0 auto;padding:0 16px}
.cover{width:100%;height:auto;aspect-ratio:3/1;max-height:25vh;object-fit:cover;background:var(--s)}
.top{background:var(--s);border-bottom:1px solid #e3e3e3}
.brand{display:flex;gap:12px;align-items:center;padding:12px 0 6px}
.logo{width:48px;height:48px;border-radius:8px;object-fit:cover;background:#fff}
.brand h1{font-size:1.35rem}
.sub{margin:0;color:#4a4a4a}
.tbl{display:inline-block;margin-left:4px;padding:0 8px;border-radius:999px;background:var(--a);color:#fff;font-weight:600}
.langs{display:flex;flex-wrap:wrap;gap:4px;padding:2px 0 10px;margin:0;list-style:none}
.langs a{display:inline-flex;align-items:center;min-height:44px;padding:0 12px;border-radius:8px;text-decoration:none;color:#1a1a1a;border:1px solid #c9c9c9;background:#fff}
.langs a[aria-current]{background:var(--a);border-color:var(--a);color:#fff;font-weight:600}
.cats{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid #e3e3e3}
.cats ul{display:flex;gap:4px;overflow-x:auto;margin:0;padding:6px 16px;list-style:none;scrollbar-width:none;max-width:720px;margin:0 auto}
.cats a{display:inline-flex;align-items:center;min-height:44px;padding:0 12px;white-space:nowrap;border-radius:999px;text-decoration:none;color:#1a1a1a}
.cats a:hover,.cats a:focus-visible{background:var(--s)}
#table-live{margin:12px 0;padding:12px;border:1px solid #d6d6d6;border-radius:12px;background:#fafafa}
#table-live p{margin:0}
.nojs{margin:12px 0;padding:12px;border:1px solid #e0c36a;border-radius:12px;background:#fff8e1}
.nojs p{margin:0}.nojs form{margin:8px 0 0}
.js .nojs,.js-only,html:not(.js) #table-live{display:none}
.js .js-only{display:revert}
.filters{margin:8px 0}
.filters summary,.btn{display:inline-flex;align-items:center;justify-content:center;gap:6px;min-height:44px;padding:0 16px;border-radius:10px;border:1px solid var(--a);color:var(--a);background:#fff;font:inherit;font-weight:600;cursor:pointer}
.filters fieldset{border:0;margin:8px 0 0;padding:0}
.filters legend{font-weight:600;padding:0;margin-bottom:4px}
.chips{display:flex;flex-wrap:wrap;gap:6px}
.chip{display:inline-flex;align-items:center;gap:6px;min-height:44px;padding:0 12px;border:1px solid #c9c9c9;border-radius:999px;cursor:pointer}
.chip input{width:18px;height:18px;margin:0;accent-color:var(--a)}
.nomatch{padding:16px;text-align:center;color:#4a4a4a}
.cat{padding-top:8px;scroll-margin-top:60px}
.cat h2{font-size:1.25rem;padding:16px 0 4px}
.cat:first-child{padding-top:0}.cat:first-child h2{padding-top:4px}
.cat-desc{margin:0 0 4px;color:#4a4a4a}
.dish{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:4px 12px;padding:14px 0;border-bottom:1px solid #ececec}
.dish h3{font-size:1.05rem;font-weight:600}
.desc{margin:2px 0 0;color:#4a4a4a}
.meta{display:flex;flex-wrap:wrap;gap:4px;margin:6px 0 0;padding:0;list-style:none}
.meta li{padding:1px 8px;border-radius:999px;background:var(--s);color:#1a1a1a}
.meta .hot{background:#fde8e8;color:#8a1414}
.alg{margin:4px 0 0;color:#3a3a3a}
.when{margin:4px 0 0;color:#4a4a4a}
.side{display:flex;flex-direction:column;align-items:flex-end;gap:6px;min-width:88px;max-width:128px}
.pic{width:88px;height:88px;border-radius:10px;object-fit:cover;background:var(--s)}
.price{font-weight:700;white-space:nowrap}
.add{min-width:88px;min-height:44px;padding:0 14px;border:0;border-radius:10px;background:var(--a);color:#fff;font:inherit;font-weight:600;cursor:pointer}
.add:disabled{background:#e0e0e0;color:#4a4a4a;cursor:not-allowed}
.state{display:inline-block;text-align:right;padding:2px 8px;border-radius:6px;background:#eee;color:#3a3a3a;font-weight:600}
.dish.off h3,.dish.off .price{color:#5a5a5a}
.dish.off .pic{filter:grayscale(1);opacity:.7}
.more{grid-column:1/-1}
.more summary{cursor:pointer;color:var(--a);font-weight:600;min-height:44px;display:flex;align-items:center}
.grp{border:1px solid #e3e3e3;border-radius:10px;margin:8px 0;padding:8px 12px}
.grp legend{font-weight:600;padding:0 4px}
.rule{font-weight:400;color:#4a4a4a}
.opt{display:flex;align-items:center;gap:10px;min-height:44px}
.opt input{width:20px;height:20px;margin:0;accent-color:var(--a)}
.opt .d{margin-left:auto;color:#4a4a4a;white-space:nowrap}
.err{color:#a3121a;margin:4px 0 0}
.line{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;margin:8px 0}
.line label{display:flex;flex-direction:column;flex:1 1 160px}
.line input[type=text]{min-height:44px;padding:0 10px;border:1px solid #8a8a8a;border-radius:8px;font:inherit}
.qty{display:flex;align-items:center;gap:4px}
.qty button{width:44px;height:44px;border-radius:10px;border:1px solid #8a8a8a;background:#fff;font:inherit;font-size:1.2rem}
.qty output{min-width:2ch;text-align:center;font-weight:600}
dialog{width:min(560px,100vw);max-width:100vw;max-height:92vh;margin:auto auto 0;padding:0;border:0;border-radius:16px 16px 0 0;box-shadow:0 -4px 24px #0003}
dialog::backdrop{background:#0007}
.dlg{padding:16px}
.dlg header{display:flex;gap:12px;align-items:flex-start;justify-content:space-between}
.x{min-width:44px;min-height:44px;border:0;background:#f0f0f0;border-radius:50%;font-size:1.3rem;cursor:pointer}
.toast{position:fixed;left:50%;bottom:16px;transform:translateX(-50%);padding:10px 16px;border-radius:10px;background:#1a1a1a;color:#fff}
.toast:empty{display:none}
footer{margin:32px 0 24px;color:#555;text-align:center}
.notice{padding:48px 16px;text-align:center}
.notice h1{font-size:1.5rem;margin-bottom:8px}
.stores{list-style:none;padding:0}
.stores a{display:block;padding:14px 16px;margin:8px 0;border:1px solid #d6d6d6;border-radius:12px;text-decoration:none;color:#1a1a1a}
.stores strong{display:block;color:var(--a)}
:focus-visible{outline:3px solid var(--a);outline-offset:2px}
@media (min-width:600px){.brand h1{font-size:1.6rem}}
`.replace(/\n/g, "");
